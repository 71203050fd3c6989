package dev.vigil.alerts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.support.TwoInstances;
import dev.vigil.support.VigilClient;

import static org.awaitility.Awaitility.await;

/**
 * Each instance evaluates the alert rules on its own logs: a rule created or changed
 * through A is followed by B's engine.
 */
class AlertRulesAcrossInstancesIntegrationTests {

	@TempDir
	static Path root;

	static Path appLog;

	static TwoInstances pair;

	@BeforeAll
	static void start() throws IOException {
		appLog = root.resolve("app.log");
		Files.writeString(appLog, "");
		pair = TwoInstances.start(root, List.of("--vigil.logs.sources[0].name=app",
				"--vigil.logs.sources[0].path=" + appLog, "--vigil.logs.sources[0].format=plain"));
	}

	@AfterAll
	static void stop() {
		if (pair != null) {
			pair.close();
		}
	}

	@Test
	void aRuleCreatedOnAIsEvaluatedOnBAndDisabledThere() throws IOException {
		String first = "first-" + UUID.randomUUID();
		VigilClient rootA = VigilClient.root(pair.portA);
		VigilClient rootB = VigilClient.root(pair.portB);
		String rule = """
				{"name":"n","source":"app","levels":["trace","debug","info","warn","error","fatal","unknown"],
				 "pattern":"%s","threshold":1000,"window_seconds":300,"recipient_role":"superadmin"}
				""";
		long id = rootA.post("/api/admin/alerts", rule.formatted(first))
			.assertStatus(201)
			.json()
			.get("rule")
			.get("id")
			.asLong();
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			append("INFO " + first + "\n");
			return count(rootB, id) > 0;
		});

		// Disabled on A: B stops evaluating it too (its live count is gone).
		rootA
			.put("/api/admin/alerts/" + id,
					rule.formatted(first).replace("\"threshold\"", "\"enabled\":false,\"threshold\""))
			.assertStatus(200);
		await().atMost(Duration.ofSeconds(20)).until(() -> count(rootB, id) == 0);
	}

	static long count(VigilClient client, long id) {
		return client.get("/api/admin/alerts/" + id).assertStatus(200).json().get("rule").get("count").asLong();
	}

	static void append(String line) throws IOException {
		Files.writeString(appLog, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
	}

}
