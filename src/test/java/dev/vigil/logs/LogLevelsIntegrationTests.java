package dev.vigil.logs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilProcess;
import dev.vigil.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Logger levels changed at runtime, observed where an operator looks: the live log stream
 * of a real server process writing its own log file. Spring's {@code DispatcherServlet}
 * logs each request at DEBUG, so its lines appear after the change and stop after the
 * reset; the request's access line (INFO, written when the request completes) marks where
 * a DEBUG line would have been.
 */
class LogLevelsIntegrationTests {

	static final String LOGGER = "org.springframework.web.servlet.DispatcherServlet";

	static final String LEVELS = "/api/admin/log-levels";

	static VigilProcess server;

	static int port;

	@BeforeAll
	static void start() {
		Path dir = Path.of("target", "vigil-process", "log-levels-" + UUID.randomUUID()).toAbsolutePath();
		port = VigilProcess.freePort();
		// The access line marks the end of a request's lines in the one stream watched.
		server = VigilProcess.start(dir.resolve("data"), port, dir.resolve("server.out"),
				List.of("--vigil.logs.access-log=combined"));
		server.awaitHealthy(Duration.ofSeconds(120));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void aLevelChangeShowsInTheLiveLogAtOnceAndAResetEndsIt() {
		VigilClient root = VigilClient.root(port);
		String token = "lvl-" + UUID.randomUUID().toString().substring(0, 8);
		try (WsClient ws = WsClient.connect(root, "/api/admin/logs/stream?search=" + token)) {
			awaitTailing(root, ws, token);
			assertThat(loggersOfRequest(root, ws, token + "-before")).doesNotContain(LOGGER);

			JsonNode set = root.put(LEVELS + "/" + LOGGER, Map.of("level", "debug")).assertStatus(200).json();
			assertThat(set.get("logger").get("configured_level").asString()).isEqualTo("DEBUG");
			assertThat(set.get("logger").get("startup_level").isNull()).isTrue();
			assertThat(set.get("logger").get("change").get("by_admin_id").asLong()).isEqualTo(root.adminId());
			assertThat(loggersOfRequest(root, ws, token + "-debug")).contains(LOGGER);

			JsonNode reset = root.delete(LEVELS + "/" + LOGGER).assertStatus(200).json();
			assertThat(reset.get("logger").get("effective_level").asString()).isEqualTo("INFO");
			assertThat(reset.get("logger").get("change").isNull()).isTrue();
			assertThat(loggersOfRequest(root, ws, token + "-after")).doesNotContain(LOGGER);
		}
		root.delete(LEVELS + "/" + LOGGER).assertStatus(404);

		assertThat(audited(root, "log_level.set")).contains(LOGGER + " DEBUG");
		assertThat(audited(root, "log_level.reset")).contains(LOGGER + " INFO");
	}

	@Test
	void aResetReturnsToTheConfiguredLevelNotToInherit() {
		VigilClient root = VigilClient.root(port);
		String configured = "org.jobrunr.jobs.filters";
		root.put(LEVELS + "/" + configured, Map.of("level", "TRACE")).assertStatus(200);
		JsonNode reset = root.delete(LEVELS + "/" + configured).assertStatus(200).json().get("logger");
		assertThat(reset.get("configured_level").asString()).isEqualTo("ERROR");
		assertThat(reset.get("startup_level").asString()).isEqualTo("ERROR");
	}

	@Test
	void theListIsFilteredAndNamesTheLevels() {
		JsonNode list = VigilClient.root(port).get(LEVELS + "?q=dev.vigil.web").assertStatus(200).json();
		assertThat(list.get("levels").toString())
			.isEqualTo("[\"TRACE\",\"DEBUG\",\"INFO\",\"WARN\",\"ERROR\",\"OFF\"]");
		assertThat(list.get("loggers")).isNotEmpty();
		list.get("loggers").forEach((l) -> assertThat(l.get("name").asString()).containsIgnoringCase("dev.vigil.web"));
		JsonNode all = VigilClient.root(port).get(LEVELS).json().get("loggers");
		assertThat(all.get(0).get("name").asString()).isEqualTo("ROOT");
		assertThat(all.get(0).get("effective_level").asString()).isEqualTo("INFO");
	}

	@Test
	void badInputIsRefusedAndChangesNothing() {
		VigilClient root = VigilClient.root(port);
		root.put(LEVELS + "/dev.vigil", Map.of("level", "LOUD")).assertStatus(422);
		assertThat(root.put(LEVELS + "/dev.vigil", Map.of("level", "LOUD")).body())
			.contains("must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF");
		root.put(LEVELS + "/dev.vigil", Map.of()).assertStatus(422);
		assertThat(root.put(LEVELS + "/dev..vigil", Map.of("level", "DEBUG")).assertStatus(422).body())
			.contains("logger name");
		root.put(LEVELS + "/" + "a".repeat(300), Map.of("level", "DEBUG")).assertStatus(422);
		assertThat(root.get(LEVELS + "?q=dev.vigil").json().get("loggers").toString()).doesNotContain("\"change\":{");
		VigilClient.withNewAdmin(port, "viewer").put(LEVELS + "/dev.vigil", Map.of("level", "DEBUG")).assertStatus(403);
		VigilClient.withNewAdmin(port, "admin").put(LEVELS + "/ROOT", Map.of("level", "TRACE")).assertStatus(403);
	}

	/** "entity details" of the audit entries with this action. */
	private static List<String> audited(VigilClient root, String action) {
		List<String> entries = new ArrayList<>();
		root.get("/api/admin/audit?action=" + action)
			.assertStatus(200)
			.json()
			.get("entries")
			.forEach((e) -> entries.add(e.get("entity_id").asString() + " " + e.get("details").asString()));
		return entries;
	}

	/**
	 * The subscription starts tailing a moment after the handshake: requests until one of
	 * them shows up, so that no later probe is missed.
	 */
	private static void awaitTailing(VigilClient client, WsClient ws, String token) {
		await().atMost(Duration.ofSeconds(15)).until(() -> {
			client.get("/api/admin/nope-" + token + "-ready");
			WsClient.Frame frame = ws.next(Duration.ofMillis(500));
			return frame != null && frame.text().contains(token + "-ready");
		});
	}

	/**
	 * Makes a request whose path carries {@code marker} and returns the loggers of the
	 * lines it produced, up to and including its access line.
	 */
	private static List<String> loggersOfRequest(VigilClient client, WsClient ws, String marker) {
		client.get("/api/admin/nope-" + marker);
		List<String> loggers = new ArrayList<>();
		while (true) {
			JsonNode frame = ws.next();
			if (!frame.get("type").asString().equals("log") || !frame.toString().contains(marker)) {
				continue;
			}
			JsonNode entry = frame.get("entry");
			loggers.add(entry.get("logger").asString());
			if (entry.get("msg").asString().equals("http request")) {
				return loggers;
			}
		}
	}

}
