package dev.vigil.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.FileAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server's own log file. Logging is one per JVM and configured by the first test
 * context that starts, so the file is taken from Logback's file appender rather than from
 * this context's data directory, which in some class orders is not the one being written.
 */
@VigilIntegrationTest
class LogFileIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	/** Asked once the context has started, so that logging is configured. */
	private static Path logFile() {
		FileAppender<?> appender = (FileAppender<?>) ((LoggerContext) LoggerFactory.getILoggerFactory())
			.getLogger(Logger.ROOT_LOGGER_NAME)
			.getAppender("FILE");
		Path file = Path.of(appender.getFile());
		assertThat(file.toString()).endsWith("/logs/vigil.log");
		return file;
	}

	/**
	 * The access log's file (by default {@code access.log} beside the own log, written by
	 * its own appender).
	 */
	private static Path accessFile() {
		FileAppender<?> appender = (FileAppender<?>) ((LoggerContext) LoggerFactory.getILoggerFactory())
			.getLogger(AccessLogFile.LOGGER)
			.getAppender(AccessLogFile.APPENDER);
		assertThat(appender).as("the access log's own appender").isNotNull();
		Path file = Path.of(appender.getFile());
		assertThat(file).isEqualTo(logFile().resolveSibling("access.log"));
		return file;
	}

	/** The whole lines written after {@code offset}. */
	private static List<String> linesFrom(Path file, long offset) throws IOException {
		byte[] bytes = Files.readAllBytes(file);
		int start = (int) Math.min(offset, bytes.length);
		// A line that was being written at the offset is not one of ours.
		if (start > 0 && bytes[start - 1] != '\n') {
			while (start < bytes.length && bytes[start - 1] != '\n') {
				start++;
			}
		}
		return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8).lines()
			.filter((line) -> !line.isBlank())
			.toList();
	}

	@Test
	void everyLineIsOneJsonObjectAndRequestLinesCarryTheRequestId() throws Exception {
		Path logFile = logFile();
		Path accessFile = accessFile();
		// Only what is written from now on: the log file is shared by every test context
		// of this JVM, and one starting up logs through the root logger for a moment.
		long ownStart = Files.exists(logFile) ? Files.size(logFile) : 0;
		long accessStart = Files.exists(accessFile) ? Files.size(accessFile) : 0;
		VigilClient.Response failedLogin = new VigilClient(this.port).login("nobody@vigil.test", "wrong-password");
		String requestId = failedLogin.header("X-Request-ID");
		assertThat(requestId).isNotBlank();

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			List<JsonNode> own = linesFrom(logFile, ownStart).stream().map(JSON::readTree).toList();
			List<JsonNode> access = linesFrom(accessFile, accessStart).stream().map(JSON::readTree).toList();
			List<JsonNode> lines = new java.util.ArrayList<>(own);
			lines.addAll(access);
			for (JsonNode line : lines) {
				assertThat(line.get("time").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
				assertThat(line.get("level").asString()).isIn("debug", "info", "warn", "error");
				assertThat(line.has("msg")).isTrue();
				assertThat(line.has("logger")).isTrue();
				assertThat(line.has("thread")).isTrue();
			}
			List<JsonNode> ofRequest = lines.stream()
				.filter((line) -> line.has("request_id") && line.get("request_id").asString().equals(requestId))
				.toList();
			// The failed-login warning and the access-log line both belong to the
			// request; the access line is in the access log only, by default.
			assertThat(ofRequest).extracting((line) -> line.get("msg").asString())
				.contains("admin login failed", "http request");
			assertThat(own).filteredOn((line) -> line.path("request_id").asString().equals(requestId))
				.extracting((line) -> line.get("msg").asString())
				.contains("admin login failed")
				.doesNotContain("http request");
			assertThat(own).extracting((line) -> line.get("logger").asString()).doesNotContain(AccessLogFile.LOGGER);
			JsonNode request = access.stream()
				.filter((l) -> l.path("request_id").asString().equals(requestId))
				.findFirst()
				.orElseThrow();
			assertThat(request.get("msg").asString()).isEqualTo("http request");
			assertThat(request.get("method").asString()).isEqualTo("POST");
			assertThat(request.get("path").asString()).isEqualTo("/api/admin/auth/login");
			assertThat(request.get("status").asInt()).isEqualTo(401);
			assertThat(request.has("duration_ms")).isTrue();
			assertThat(request.has("bytes")).isTrue();
			assertThat(request.get("remote").asString()).isEqualTo("127.0.0.1");
		});
	}

	@Test
	void generatedPasswordsAndTokensNeverReachTheLog() throws Exception {
		Path logFile = logFile();
		VigilClient root = VigilClient.root(this.port);
		String requestId = root.put("/api/admin/profile", Map.of("name", "Root")).header("X-Request-ID");
		// Read once the request's own line is there: an empty or foreign file would pass
		// vacuously.
		Path accessFile = accessFile();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> Files.readString(accessFile, StandardCharsets.UTF_8)
				.contains("\"request_id\":\"" + requestId));
		String log = Files.readString(logFile, StandardCharsets.UTF_8)
				+ Files.readString(accessFile, StandardCharsets.UTF_8);
		assertThat(log).doesNotContain(VigilClient.ROOT_PASSWORD)
			.doesNotContain(root.cookie("refresh_token"))
			.doesNotContain(root.cookie("access_token"));
	}

	/**
	 * Whatever is typed into the email field of a failed login (a password, when typed in
	 * the wrong field) stays out of the log, which every viewer reads; a failure on a
	 * real account names its id.
	 */
	@Test
	void failedLoginsDoNotLogTheEmailField() throws Exception {
		Path logFile = logFile();
		String typedInTheWrongField = "Hunter2-" + UUID.randomUUID();
		String unknown = new VigilClient(this.port).login(typedInTheWrongField, "x")
			.assertStatus(401)
			.header("X-Request-ID");
		long rootId = VigilClient.root(this.port).adminId();
		String wrongPassword = new VigilClient(this.port).login(VigilClient.ROOT_EMAIL, "not-the-password")
			.assertStatus(401)
			.header("X-Request-ID");
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			List<JsonNode> failures = Files.readAllLines(logFile, StandardCharsets.UTF_8)
				.stream()
				.map(JSON::readTree)
				.filter((line) -> line.get("msg").asString().equals("admin login failed"))
				.filter((line) -> List.of(unknown, wrongPassword).contains(line.path("request_id").asString()))
				.toList();
			assertThat(failures).hasSize(2);
			assertThat(failures.toString()).doesNotContain(typedInTheWrongField).doesNotContain(VigilClient.ROOT_EMAIL);
			JsonNode onRoot = failures.stream()
				.filter((line) -> line.get("request_id").asString().equals(wrongPassword))
				.findFirst()
				.orElseThrow();
			assertThat(onRoot.get("admin_id").asLong()).isEqualTo(rootId);
		});
	}

}
