package dev.vigil.web;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.vigil.storage.DataDirectory;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@VigilIntegrationTest
@TestPropertySource(properties = { "vigil.storage.data-dir=target/test-data-health-down",
		"vigil.metrics.public=false",
		"vigil.metrics.token=scrape-secret" })
class HealthDatabaseDownIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	DataDirectory dataDirectory;

	@Test
	void healthIs503WhileAnotherProcessHoldsTheWriteLockAndRecovers() throws Exception {
		VigilClient client = new VigilClient(this.port);
		client.get("/api/health").assertStatus(200);

		Path db = this.dataDirectory.database();
		try (Connection locker = DriverManager.getConnection("jdbc:sqlite:" + db);
				Statement statement = locker.createStatement()) {
			statement.execute("PRAGMA busy_timeout=10000");
			statement.execute("BEGIN IMMEDIATE");
			VigilClient.Response down = client.get("/api/health").assertStatus(503);
			assertThat(down.json().get("status").asString()).isEqualTo("degraded");
			assertThat(down.json().get("database").get("ok").asBoolean()).isFalse();
			statement.execute("ROLLBACK");
		}
		client.get("/api/health").assertStatus(200);
	}

	@Test
	void prometheusCanBeMadePrivate() {
		VigilClient client = new VigilClient(this.port);
		client.get("/actuator/prometheus").assertProblem(401, "authentication required");
		client.send("GET", "/actuator/prometheus", null, java.util.Map.of("Authorization", "Bearer wrong"))
			.assertStatus(401);
		assertThat(client.send("GET", "/actuator/prometheus", null, java.util.Map.of("Authorization", "Bearer scrape-secret"))
			.assertStatus(200)
			.body()).contains("jvm_memory_used_bytes");
	}

}
