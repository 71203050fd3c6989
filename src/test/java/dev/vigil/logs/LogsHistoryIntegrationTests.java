package dev.vigil.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;
import dev.vigil.support.LogLines;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log history REST API through a real port, over files this class writes into its own
 * log directory (the server's own log goes elsewhere, so nothing here changes while the
 * tests run).
 */
@VigilIntegrationTest
class LogsHistoryIntegrationTests {

	static final String API = "/api/admin/logs";

	static final Path DIR;

	static final String PAGED = "vigil-2026-11-21.0.log";

	static final String CRLF = "vigil-2026-11-20.0.log";

	static final String DOWNLOAD = "vigil-2026-11-22.1.log";

	/** Expected {@code msg} of each line of {@link #PAGED}, oldest first. */
	static final List<String> PAGED_MSGS = new ArrayList<>();

	static final List<String> CRLF_MSGS = new ArrayList<>();

	static final int TRUNCATED_INDEX = 1234;

	static final int MAX_LINE = 64 * 1024;

	static final byte[] DOWNLOAD_BYTES;

	static {
		try {
			DIR = Files.createTempDirectory("vigil-logs-history-");
			Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
			write("vigil.log", String.join("\n", line("info", "server started", ""),
					line("debug", "cache warmed", ",\"entries\":12"),
					line("warn", "Connection TIMEOUT after 30s", ",\"host\":\"db\""), "plain text from a stray println",
					line("error", "request failed", ",\"path\":\"/api/timeout-check\",\"status\":504"),
					line("info", "status 504 seen", ""), line("error", "disk full", ",\"status\":507"),
					line("info", "request_id missing", "")) + "\n", now);
			write(DOWNLOAD, new byte[] { '{', '}', '\r', '\n', 'x', (byte) 0xFF, (byte) 0xC3, '\n', 'e', 'n', 'd' },
					now.minusSeconds(3600));
			write(PAGED, paged(), now.minusSeconds(7200));
			write(CRLF, crlf(), now.minusSeconds(10800));
			write("notes.txt", "not a log\n", now.plusSeconds(60));
			write("other.log", line("info", "someone else's", "") + "\n", now.plusSeconds(60));
			DOWNLOAD_BYTES = Files.readAllBytes(DIR.resolve(DOWNLOAD));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void logDirectory(DynamicPropertyRegistry registry) {
		registry.add("vigil.logs.directory", DIR::toString);
	}

	@AfterAll
	static void deleteDirectory() throws IOException {
		FileSystemUtils.deleteRecursively(DIR);
	}

	@LocalServerPort
	int port;

	private VigilClient root;

	@BeforeEach
	void logInAsRoot() {
		this.root = VigilClient.root(this.port);
	}

	@Test
	void filesListsOnlyOurFilesNewestFirst() throws IOException {
		JsonNode files = this.root.get(API + "/files").assertStatus(200).json().get("files");
		assertThat(files.valueStream().map((f) -> f.get("name").asString()).toList()).containsExactly("vigil.log",
				DOWNLOAD, PAGED, CRLF);
		for (JsonNode file : files) {
			Path path = DIR.resolve(file.get("name").asString());
			assertThat(file.get("size").asLong()).isEqualTo(Files.size(path));
			assertThat(Instant.parse(file.get("modified").asString()))
				.isEqualTo(Files.getLastModifiedTime(path).toInstant().truncatedTo(ChronoUnit.MILLIS));
		}
	}

	@Test
	void defaultFileIsTheLiveFileNewestFirstWithEntriesEmbeddedAsObjects() {
		JsonNode page = this.root.get(API).assertStatus(200).json();
		assertThat(page.get("file").asString()).isEqualTo("vigil.log");
		assertThat(page.get("next").isNull()).isTrue();
		assertThat(msgs(page)).containsExactly("request_id missing", "disk full", "status 504 seen", "request failed",
				"plain text from a stray println", "Connection TIMEOUT after 30s", "cache warmed", "server started");
		JsonNode first = page.get("entries").get(0);
		assertThat(first.isObject()).isTrue();
		assertThat(first.get("time").asString()).isEqualTo("2026-11-22T10:00:00.000Z");
		assertThat(first.get("logger").asString()).isEqualTo("dev.vigil.Test");
		assertThat(first.get("thread").asString()).isEqualTo("main");
		assertThat(page.get("entries").get(1).get("status").asInt()).isEqualTo(507);
	}

	@Test
	void nonJsonLinesComeAsUnknownLevel() {
		JsonNode page = this.root.get(API + "?level=unknown").assertStatus(200).json();
		assertThat(page.get("entries")).hasSize(1);
		JsonNode entry = page.get("entries").get(0);
		assertThat(entry.get("level").asString()).isEqualTo("unknown");
		assertThat(entry.get("msg").asString()).isEqualTo("plain text from a stray println");
		assertThat(entry.has("truncated")).isFalse();
	}

	@Test
	void levelFilterTakesACommaList() {
		assertThat(levels(this.root.get(API + "?level=warn,error").assertStatus(200).json())).containsExactly("error",
				"error", "warn");
		assertThat(levels(this.root.get(API + "?level=ERROR").assertStatus(200).json())).containsExactly("error",
				"error");
		assertThat(msgs(this.root.get(API + "?level=debug&file=vigil.log").assertStatus(200).json()))
			.containsExactly("cache warmed");
	}

	@Test
	void searchIsCaseInsensitiveOverTopLevelStringValuesOnly() {
		assertThat(msgs(this.root.get(API + "?search=timeout").assertStatus(200).json()))
			.as("msg and another string value")
			.containsExactly("request failed", "Connection TIMEOUT after 30s");
		assertThat(msgs(this.root.get(API + "?search=504").assertStatus(200).json())).as("numbers are not searched")
			.containsExactly("status 504 seen");
		assertThat(msgs(this.root.get(API + "?search=request_id").assertStatus(200).json())).as("keys are not searched")
			.containsExactly("request_id missing");
		assertThat(msgs(this.root.get(API + "?search=Timeout&level=warn").assertStatus(200).json()))
			.containsExactly("Connection TIMEOUT after 30s");
		assertThat(msgs(this.root.get(API + "?search=no-such-text").assertStatus(200).json())).isEmpty();
	}

	@Test
	void pagingWithNextSeesEveryLineOnceInOrderUntilNull() throws IOException {
		// The fixture has lines crossing the reader's 64 KB chunk boundaries (counted
		// from the end).
		assertThat(crossesAChunkBoundary(DIR.resolve(PAGED))).isTrue();
		List<JsonNode> entries = pageThrough(PAGED, 1000, "");
		List<String> expected = new ArrayList<>(PAGED_MSGS);
		Collections.reverse(expected);
		assertThat(entries.stream().map((e) -> e.get("msg").asString()).toList()).containsExactlyElementsOf(expected);
		JsonNode truncated = entries.get(expected.size() - 1 - TRUNCATED_INDEX);
		assertThat(truncated.get("truncated").asBoolean()).isTrue();
		assertThat(truncated.get("level").asString()).isEqualTo("info");
		assertThat(truncated.get("msg").asString()).hasSize(MAX_LINE).startsWith("{\"time\":");
		assertThat(entries.stream().filter((e) -> e.has("truncated")).count()).isOne();
		assertThat(entries.stream().filter((e) -> e.get("level").asString().equals("unknown")).count())
			.isEqualTo(PAGED_MSGS.stream().filter((m) -> m.startsWith("plain")).count());
	}

	@Test
	void pagingThroughCrlfLinesInSmallPages() {
		List<JsonNode> entries = pageThrough(CRLF, 7, "");
		List<String> expected = new ArrayList<>(CRLF_MSGS);
		Collections.reverse(expected);
		assertThat(entries.stream().map((e) -> e.get("msg").asString()).toList()).containsExactlyElementsOf(expected);
	}

	@Test
	void pagingWithAFilterSeesEveryMatchOnce() {
		List<JsonNode> entries = pageThrough(PAGED, 50, "&level=warn&search=LINE");
		List<String> expected = new ArrayList<>();
		for (int i = PAGED_MSGS.size() - 1; i >= 0; i--) {
			if (i % 10 == 3 && i != TRUNCATED_INDEX && !PAGED_MSGS.get(i).startsWith("plain")) {
				expected.add(PAGED_MSGS.get(i));
			}
		}
		assertThat(entries.stream().map((e) -> e.get("msg").asString()).toList()).containsExactlyElementsOf(expected);
	}

	@Test
	void limitDefaultsTo200AndIsCappedAt1000() {
		assertThat(entries(PAGED, "")).hasSize(200);
		assertThat(entries(PAGED, "&limit=0")).hasSize(200);
		assertThat(entries(PAGED, "&limit=-5")).hasSize(200);
		assertThat(entries(PAGED, "&limit=5000")).hasSize(1000);
		assertThat(entries(PAGED, "&limit=3")).hasSize(3);
		this.root.get(API + "?file=" + PAGED + "&limit=abc").assertProblem(400, "invalid limit");
	}

	@Test
	void cursorMustBeAnOffsetInsideTheFile() throws IOException {
		long size = Files.size(DIR.resolve(PAGED));
		for (String bad : List.of("-1", "abc", "1.5", "+5", " 5", String.valueOf(size + 1), "99999999999999999999")) {
			this.root.get(API + "?file=" + PAGED + "&before=" + bad.replace(" ", "%20") + "&limit=1")
				.assertProblem(400, "invalid cursor");
		}
		JsonNode atEnd = this.root.get(API + "?file=" + PAGED + "&before=" + size + "&limit=1")
			.assertStatus(200)
			.json();
		assertThat(msgs(atEnd)).containsExactly(PAGED_MSGS.get(PAGED_MSGS.size() - 1));
		JsonNode atStart = this.root.get(API + "?file=" + PAGED + "&before=0").assertStatus(200).json();
		assertThat(atStart.get("entries")).isEmpty();
		assertThat(atStart.get("next").isNull()).isTrue();
	}

	@Test
	void pathTricksAndForeignNamesAreRejected() {
		for (String name : List.of("../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "notes.txt", "other.log", "..", "a/b",
				"vigil.log%00", "%2Fetc%2Fpasswd", "vigil.log/..")) {
			this.root.get(API + "?file=" + name).assertProblem(400, "invalid file name");
		}
		this.root.get(API + "/files/notes.txt").assertProblem(400, "invalid file name");
		this.root.get(API + "/files/other.log").assertProblem(400, "invalid file name");
	}

	/**
	 * These never reach the controller: Spring Security's firewall refuses {@code ..}
	 * segments (a ProblemDetail through the error page), Tomcat itself refuses encoded
	 * {@code /}, {@code \} and NUL in a path (its own 400 page). Either way a 400 and no
	 * internals.
	 */
	@Test
	void pathTricksInTheDownloadPathAreBadRequests() {
		for (String path : List.of("/files/..", "/files/%2e%2e", "/files/../../etc/passwd")) {
			this.root.get(API + path).assertProblem(400, "bad request");
		}
		for (String path : List.of("/files/..%2F..%2Fetc%2Fpasswd", "/files/..%2Fnotes.txt",
				"/files/%2e%2e%2fnotes.txt", "/files/..%5Cnotes.txt", "/files/vigil.log%00")) {
			VigilClient.Response response = this.root.get(API + path);
			assertThat(response.status()).as("%s: %s", path, response.body()).isEqualTo(400);
			assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
		}
	}

	@Test
	void unknownFilesOfOurPatternAreNotFound() {
		this.root.get(API + "?file=vigil-2001-01-01.0.log").assertProblem(404, "log file not found");
		this.root.get(API + "/files/vigil-2001-01-01.0.log").assertProblem(404, "log file not found");
	}

	@Test
	void downloadIsTheExactBytesAsAnAttachment() throws Exception {
		HttpResponse<byte[]> response = download(this.root, DOWNLOAD);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(DOWNLOAD_BYTES);
		assertThat(response.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"" + DOWNLOAD + "\"");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");

		HttpResponse<byte[]> big = download(this.root, PAGED);
		assertThat(big.statusCode()).isEqualTo(200);
		assertThat(big.body()).isEqualTo(Files.readAllBytes(DIR.resolve(PAGED)));
	}

	/**
	 * A download resumes with a Range; one the file cannot satisfy is a problem, not the
	 * whole file.
	 */
	@Test
	void rangesResumeADownloadAndAnUnsatisfiableOneIsAProblemWithoutTheFile() {
		String path = API + "/files/" + DOWNLOAD;
		VigilClient.Response part = this.root.send("GET", path, null, Map.of("Range", "bytes=0-3"));
		assertThat(part.status()).isEqualTo(206);
		assertThat(part.body()).isEqualTo("{}\r\n");
		assertThat(part.header("Content-Range")).isEqualTo("bytes 0-3/" + DOWNLOAD_BYTES.length);

		for (String range : List.of("bytes=" + DOWNLOAD_BYTES.length + "-", "bytes=100-200", "bytes=abc")) {
			VigilClient.Response refused = this.root.send("GET", path, null, Map.of("Range", range));
			refused.assertProblem(416, "range not satisfiable");
			assertThat(refused.header("Content-Range")).as(range).isEqualTo("bytes */" + DOWNLOAD_BYTES.length);
			assertThat(refused.body()).as(range).doesNotContain("end");
		}
	}

	@Test
	void viewersReadLogsAndAnonymousCallersCannot() throws Exception {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		viewer.get(API).assertStatus(200);
		viewer.get(API + "/files").assertStatus(200);
		assertThat(download(viewer, DOWNLOAD).statusCode()).isEqualTo(200);

		VigilClient anonymous = new VigilClient(this.port);
		anonymous.get(API).assertProblem(401, "authentication required");
		anonymous.get(API + "/files").assertProblem(401, "authentication required");
		anonymous.get(API + "/files/" + DOWNLOAD).assertProblem(401, "authentication required");
	}

	private List<JsonNode> pageThrough(String file, int limit, String filters) {
		List<JsonNode> all = new ArrayList<>();
		String next = null;
		int pages = 0;
		do {
			JsonNode page = this.root
				.get(API + "?file=" + file + "&limit=" + limit + filters + ((next != null) ? "&before=" + next : ""))
				.assertStatus(200)
				.json();
			assertThat(page.get("file").asString()).isEqualTo(file);
			assertThat(page.get("entries").size()).isLessThanOrEqualTo(limit);
			page.get("entries").forEach(all::add);
			JsonNode cursor = page.get("next");
			assertThat(cursor).as("next is always present").isNotNull();
			if (!cursor.isNull()) {
				assertThat(cursor.isString()).isTrue();
				if (next != null) {
					assertThat(Long.parseLong(cursor.asString())).isLessThan(Long.parseLong(next));
				}
			}
			next = cursor.isNull() ? null : cursor.asString();
			assertThat(++pages).as("pages").isLessThan(10_000);
		}
		while (next != null);
		return all;
	}

	private List<JsonNode> entries(String file, String query) {
		JsonNode page = this.root.get(API + "?file=" + file + query).assertStatus(200).json();
		List<JsonNode> entries = new ArrayList<>();
		page.get("entries").forEach(entries::add);
		return entries;
	}

	private HttpResponse<byte[]> download(VigilClient client, String name) throws Exception {
		String path = API + "/files/" + name;
		HttpRequest request = HttpRequest.newBuilder(URI.create(client.baseUrl() + path))
			.header("Cookie", client.cookieHeader(path))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
	}

	private static List<String> msgs(JsonNode page) {
		return page.get("entries").valueStream().map((e) -> e.get("msg").asString()).toList();
	}

	private static List<String> levels(JsonNode page) {
		return page.get("entries").valueStream().map((e) -> e.get("level").asString()).toList();
	}

	private static boolean crossesAChunkBoundary(Path file) throws IOException {
		byte[] bytes = Files.readAllBytes(file);
		for (int boundary = bytes.length - LogHistory.CHUNK; boundary > 0; boundary -= LogHistory.CHUNK) {
			if (bytes[boundary - 1] != '\n') {
				return true;
			}
		}
		return false;
	}

	/**
	 * 4,000 LF lines of varied length: JSON, some plain text, two of ~60 KB and one of 1
	 * MB.
	 */
	private static String paged() {
		StringBuilder content = new StringBuilder();
		for (int i = 0; i < 4000; i++) {
			String text;
			String level = (i % 10 == 3) ? "warn" : "info";
			if (i % 97 == 0) {
				text = "plain text line " + i;
				content.append(text);
			}
			else {
				int padding = (i == 700 || i == 2500) ? 60_000 : (i * 37) % 300;
				if (i == TRUNCATED_INDEX) {
					padding = 1024 * 1024;
				}
				text = "line " + i + " " + "x".repeat(padding);
				content.append(line(level, text, ",\"n\":" + i));
			}
			if (i == TRUNCATED_INDEX) {
				text = content.substring(content.lastIndexOf("\n") + 1, content.lastIndexOf("\n") + 1 + MAX_LINE);
			}
			PAGED_MSGS.add(text);
			content.append('\n');
		}
		return content.toString();
	}

	/** 300 CRLF lines, JSON and plain text. */
	private static String crlf() {
		StringBuilder content = new StringBuilder();
		for (int i = 0; i < 300; i++) {
			String text = ((i % 5 == 0) ? "plain crlf " : "crlf ") + i;
			content.append((i % 5 == 0) ? text : line("info", text, "")).append("\r\n");
			CRLF_MSGS.add(text);
		}
		return content.toString();
	}

	private static String line(String level, String msg, String extra) {
		return LogLines.line(LogLines.FIXED_TIME, level, msg, extra);
	}

	private static void write(String name, String content, Instant modified) throws IOException {
		write(name, content.getBytes(StandardCharsets.UTF_8), modified);
	}

	private static void write(String name, byte[] content, Instant modified) throws IOException {
		Path path = DIR.resolve(name);
		Files.write(path, content);
		Files.setLastModifiedTime(path, FileTime.from(modified));
	}

}
