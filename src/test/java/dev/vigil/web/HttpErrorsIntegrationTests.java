package dev.vigil.web;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.support.RawHttp;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@VigilIntegrationTest
class HttpErrorsIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void bodyOverTwoMegabytesIsRefused() {
		byte[] big = new byte[3 * 1024 * 1024];
		Arrays.fill(big, (byte) 'a');
		VigilClient.root(this.port)
			.send("PUT", "/api/admin/profile", big, Map.of())
			.assertProblem(413, "request body too large");
	}

	@Test
	void chunkedBodyOverTwoMegabytesIsRefused() throws Exception {
		VigilClient root = VigilClient.root(this.port);
		byte[] big = ("{\"name\":\"" + "a".repeat(3 * 1024 * 1024) + "\"}").getBytes();
		// An input stream of unknown length makes the client send Transfer-Encoding:
		// chunked.
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/admin/profile"))
			.PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
			.header("Content-Type", "application/json")
			.header("Cookie",
					"access_token=" + root.cookie("access_token") + "; XSRF-TOKEN=" + root.cookie("XSRF-TOKEN"))
			.header("X-XSRF-TOKEN", root.cookie("XSRF-TOKEN"))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("\"error\":\"request body too large\"");
	}

	@Test
	void malformedJsonIsABadRequest() {
		VigilClient root = VigilClient.root(this.port);
		root.send("PUT", "/api/admin/profile", "{\"name\": ", Map.of()).assertProblem(400, "invalid request body");
		root.send("PUT", "/api/admin/profile", "{\"name\": {\"deep\": [1,2]}}", Map.of())
			.assertProblem(400, "invalid request body");
		new VigilClient(this.port).send("POST", "/api/admin/auth/login", "not json", Map.of())
			.assertProblem(400, "invalid request body");
	}

	@Test
	void unknownApiPathIsAJson404() {
		new VigilClient(this.port).get("/api/x").assertProblem(404, "not found");
		new VigilClient(this.port).get("/api/does/not/exist?q=1").assertProblem(404, "not found");
		VigilClient.root(this.port).get("/api/admin/nothing-here").assertProblem(404, "not found");
	}

	@Test
	void badPathVariableIsABadRequest() {
		VigilClient.root(this.port).get("/api/admin/admins/not-a-number").assertProblem(400, "invalid id");
	}

	@Test
	void wrongMethodIsA405Problem() {
		VigilClient.Response response = VigilClient.root(this.port).send("PATCH", "/api/admin/profile", "{}", Map.of());
		response.assertStatus(405);
		assertThat(response.json().get("error").asString()).isNotBlank();
	}

	@Test
	void requestIdIsEchoedWhenSaneAndReplacedOtherwise() {
		VigilClient client = new VigilClient(this.port);
		assertThat(client.send("GET", "/api/health", null, Map.of("X-Request-ID", "abc-123")).header("X-Request-ID"))
			.isEqualTo("abc-123");
		assertThat(client.send("GET", "/api/health", null, Map.of("X-Request-ID", "bad id <script>"))
			.header("X-Request-ID")).matches("[0-9a-f-]{36}");
	}

	@Test
	void jsonResponsesAreGzippedWhenAsked() {
		VigilClient root = VigilClient.root(this.port);
		for (int i = 0; i < 10; i++) {
			VigilClient.root(this.port); // each login adds an audit row: the list is well
											// over 1 KB
		}
		VigilClient.Response response = root.send("GET", "/api/admin/audit?limit=100", null,
				Map.of("Accept-Encoding", "gzip"));
		response.assertStatus(200);
		assertThat(response.header("Content-Encoding")).isEqualTo("gzip");
	}

	/**
	 * Inputs the fuzz found answered with a 500 or a non-ProblemDetail
	 * (HttpFuzzIntegrationTests).
	 */
	@Test
	void malformedRequestsFoundByTheFuzzAreClear4xxProblems() throws Exception {
		VigilClient root = VigilClient.root(this.port);
		RawHttp raw = new RawHttp(this.port);
		String cookie = "access_token=" + root.cookie("access_token") + "; XSRF-TOKEN=" + root.cookie("XSRF-TOKEN");
		java.util.List<String[]> auth = java.util.List.<String[]>of(new String[] { "Cookie", cookie },
				new String[] { "X-XSRF-TOKEN", root.cookie("XSRF-TOKEN") });
		// Undecodable query string: thrown by the container from the first getParameter
		// call.
		assertProblem(raw.send("GET", "/api/admin/notifications?offset=%zz", auth, null), 400);
		// Wildcard Content-Type: Spring MVC asserts against it while reading the body.
		java.util.List<String[]> wildcard = new java.util.ArrayList<>(auth);
		wildcard.add(new String[] { "Content-Type", "application/*" });
		assertProblem(raw.send("PUT", "/api/admin/profile", wildcard, "{\"name\":\"x\"}".getBytes()), 415);
		// Unparseable Accept: Spring MVC would send the error without a body.
		java.util.List<String[]> accept = new java.util.ArrayList<>(auth);
		accept.add(new String[] { "Accept", "garbage" });
		assertProblem(raw.send("GET", "/api/admin/notifications", accept, null), 400);
		// Garbage multipart body.
		java.util.List<String[]> multipart = new java.util.ArrayList<>(auth);
		multipart.add(new String[] { "Content-Type", "multipart/form-data; boundary=xyz" });
		assertThat(
				raw.send("POST", "/api/admin/notifications/read-all", multipart, "--xyz\r\n\r\n--".getBytes()).status())
			.isBetween(400, 499);
		// An instant beyond epoch milliseconds.
		assertProblem(raw.send("GET", "/api/admin/audit?from=%2B1000000000-01-01T00:00:00Z", auth, null), 400);
		// The error page requested directly.
		assertProblem(raw.send("GET", "/error", java.util.List.of(), null), 404);
		// Refused by Tomcat before the application (illegal character in the request
		// target).
		assertProblem(raw.send("GET", "/api/admin/admins?search=|", auth, null), 400);
		// A WebSocket upgrade without "Connection: upgrade".
		java.util.List<String[]> upgrade = new java.util.ArrayList<>(auth);
		upgrade.add(new String[] { "Upgrade", "websocket" });
		assertProblem(raw.send("GET", "/api/admin/notifications/stream", upgrade, null), 400);
	}

	private static void assertProblem(RawHttp.Response response, int status) {
		assertThat(response.status()).as(response.text()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.text()).contains("\"status\":" + status).contains("\"error\":").doesNotContain("Exception");
	}

}
