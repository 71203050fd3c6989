package dev.vigil.logs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server's own log file. Its own data directory gives it its own context, started when this class
 * runs: logging is one per JVM, and each context that starts points it at its own file, so a context
 * cached from earlier may no longer be the one writing.
 */
@VigilIntegrationTest
@TestPropertySource(properties = "vigil.storage.data-dir=" + LogFileIntegrationTests.DATA_DIR)
class LogFileIntegrationTests {

	static final String DATA_DIR = "target/test-data-logfile";

	private static final Path LOG_FILE = Path.of(DATA_DIR, "logs", "vigil.log");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void everyLineIsOneJsonObjectAndRequestLinesCarryTheRequestId() throws Exception {
		VigilClient.Response failedLogin = new VigilClient(this.port).login("nobody@vigil.test", "wrong-password");
		String requestId = failedLogin.header("X-Request-ID");
		assertThat(requestId).isNotBlank();

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			List<JsonNode> lines = Files.readAllLines(LOG_FILE, StandardCharsets.UTF_8).stream().map(JSON::readTree).toList();
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
			// The failed-login warning and the access-log line both belong to the request.
			assertThat(ofRequest).extracting((line) -> line.get("msg").asString())
				.contains("admin login failed", "http request");
			JsonNode access = ofRequest.stream().filter((l) -> l.get("msg").asString().equals("http request")).findFirst().get();
			assertThat(access.get("method").asString()).isEqualTo("POST");
			assertThat(access.get("path").asString()).isEqualTo("/api/admin/auth/login");
			assertThat(access.get("status").asInt()).isEqualTo(401);
			assertThat(access.has("duration_ms")).isTrue();
			assertThat(access.has("bytes")).isTrue();
			assertThat(access.get("remote").asString()).isEqualTo("127.0.0.1");
		});
	}

	@Test
	void generatedPasswordsAndTokensNeverReachTheLog() throws Exception {
		VigilClient root = VigilClient.root(this.port);
		String requestId = root.put("/api/admin/profile", Map.of("name", "Root")).header("X-Request-ID");
		// Read once the request's own line is there: an empty or foreign file would pass vacuously.
		await().atMost(Duration.ofSeconds(5))
			.until(() -> Files.readString(LOG_FILE, StandardCharsets.UTF_8).contains("\"request_id\":\"" + requestId));
		String log = Files.readString(LOG_FILE, StandardCharsets.UTF_8);
		assertThat(log).doesNotContain(VigilClient.ROOT_PASSWORD).doesNotContain(root.cookie("refresh_token"))
			.doesNotContain(root.cookie("access_token"));
	}

}
