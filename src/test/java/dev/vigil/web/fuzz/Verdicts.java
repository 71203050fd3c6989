package dev.vigil.web.fuzz;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.vigil.support.RawHttp;
import dev.vigil.support.SseClient;
import dev.vigil.support.VigilClient;
import dev.vigil.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every answer to malformed input must be: an answer (not a dropped connection), no
 * 5xx, no internals in an error body, and every error on {@code /api/**} a ProblemDetail.
 */
final class Verdicts {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path dataDirectory;

	private final Tally tally;

	/**
	 * @param dataDirectory the server's, whose path must not show in an error either
	 */
	Verdicts(Path dataDirectory, Tally tally) {
		this.dataDirectory = dataDirectory;
		this.tally = tally;
	}

	/** Why a response is wrong, or null. */
	String check(HttpCase c, RawHttp.Response response) {
		int status = response.status();
		if (status == 0 && !c.halfClose()) {
			// A client that stops sending mid-request may get no answer; any other
			// request must get one.
			return "connection closed without a response";
		}
		if (status < 0) {
			return "no response within 10 s";
		}
		if ((status == 501 || status == 505) && isProblem(response)) {
			// Tomcat's answer, before any application code, to a method (CONNECT),
			// transfer coding or HTTP
			// version it does not implement: RFC 9110/9112 name 501/505 for exactly this,
			// not a server failure.
			this.tally.notImplemented.incrementAndGet();
			return null;
		}
		if (status >= 500) {
			return "status " + status + ": " + abbreviate(response.text(), 300);
		}
		if (status < 400) {
			return null;
		}
		String leak = leak(response.text());
		if (leak != null) {
			return "error body shows \"" + leak + "\": " + abbreviate(response.text(), 300);
		}
		String path = c.path();
		if (path != null && path.startsWith("/api/") && !"HEAD".equals(c.method()) && !isProblem(response)) {
			return "error " + status + " is not a ProblemDetail: " + response.header("Content-Type") + " "
					+ abbreviate(response.text(), 200);
		}
		return null;
	}

	/**
	 * Internal detail an error body must never carry: stack traces, class names, SQL,
	 * file paths.
	 */
	String leak(String body) {
		List<String> markers = new ArrayList<>(
				List.of("Exception", "\tat ", "java.", "javax.", "jakarta.", "org.springframework", "org.apache",
						"tools.jackson", "com.fasterxml", "io.jsonwebtoken", "org.jobrunr", "org.sqlite", "dev.vigil",
						"SQLITE_", "select ", "SELECT ", "Apache Tomcat", "/work/", "/tmp/", "/home/"));
		markers.add(this.dataDirectory.toAbsolutePath().toString());
		markers.add(Path.of("").toAbsolutePath().toString());
		for (String marker : markers) {
			if (body.contains(marker)) {
				return marker;
			}
		}
		return null;
	}

	static boolean isProblem(RawHttp.Response response) {
		String type = response.header("Content-Type");
		if (type == null || !type.startsWith("application/problem+json")) {
			return false;
		}
		try {
			JsonNode json = JSON.readTree(response.body());
			return json.isObject() && json.path("status").asInt() == response.status() && json.hasNonNull("title")
					&& json.hasNonNull("error");
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	static String abbreviate(String text, int max) {
		String flat = text.replace("\r", "\\r").replace("\n", "\\n");
		return (flat.length() <= max) ? flat : flat.substring(0, max) + "…(" + flat.length() + " chars)";
	}

	/**
	 * After a fuzz: health answers, and a notification sent now reaches a new SSE and a
	 * new WebSocket stream.
	 */
	static void assertServerStillWorks(int port) {
		VigilClient anonymous = new VigilClient(port);
		anonymous.get("/api/health").assertStatus(200);
		VigilClient root = VigilClient.root(port);
		long rootId = root.adminId();
		try (SseClient sse = SseClient.open(root, "/api/admin/notifications/stream");
				WsClient ws = WsClient.connect(root, "/api/admin/notifications/stream")) {
			assertThat(sse.status()).isEqualTo(200);
			assertThat(sse.next().json().get("type").asString()).isEqualTo("unread_count");
			assertThat(ws.next().get("type").asString()).isEqualTo("unread_count");
			root.post("/api/admin/notifications/send", Map.of("admin_id", rootId, "title", "after the fuzz"))
				.assertStatus(201);
			SseClient.Event event = sse.next(Duration.ofSeconds(10));
			assertThat(event).as("live SSE delivery after the fuzz").isNotNull();
			assertThat(event.json().get("notification").get("title").asString()).isEqualTo("after the fuzz");
			assertThat(ws.next().get("notification").get("title").asString()).isEqualTo("after the fuzz");
		}
		anonymous.get("/api/health").assertStatus(200);
	}

}
