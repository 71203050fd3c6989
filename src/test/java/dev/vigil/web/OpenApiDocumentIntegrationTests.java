package dev.vigil.web;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

@VigilIntegrationTest
class OpenApiDocumentIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void dump() throws Exception {
		String body = new VigilClient(this.port).get("/api/docs").assertStatus(200).body();
		Files.writeString(Path.of("target/openapi.json"), body);
	}

}
