package dev.vigil.web;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@VigilIntegrationTest
class HealthIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void healthIsPublicAndReportsTheDatabase() {
		VigilClient.Response health = new VigilClient(this.port).get("/api/health").assertStatus(200);
		assertThat(health.json().get("status").asString()).isEqualTo("ok");
		assertThat(health.json().get("version").asString()).isNotBlank();
		assertThat(health.json().get("uptime_seconds").isNumber()).isTrue();
		assertThat(health.json().get("database").get("ok").asBoolean()).isTrue();
	}

	@Test
	void prometheusIsPublicByDefaultWithJvmAndHttpServerMetrics() {
		new VigilClient(this.port).get("/api/health").assertStatus(200);
		VigilClient.Response metrics = new VigilClient(this.port).get("/actuator/prometheus").assertStatus(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("http_server_requests_seconds_count");
	}

	@Test
	void actuatorHealthAndOpenApiAreServed() {
		VigilClient anonymous = new VigilClient(this.port);
		assertThat(anonymous.get("/actuator/health").assertStatus(200).body()).contains("UP");
		VigilClient.Response docs = anonymous.get("/api/docs").assertStatus(200);
		assertThat(docs.json().get("paths").has("/api/admin/auth/login")).isTrue();
	}

}
