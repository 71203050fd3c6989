package dev.vigil.web;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ETags on the API's JSON reads over real HTTP: a repeated read is a 304 without a body,
 * compressed or not; streams, downloads and errors are never tagged (nor buffered).
 */
@VigilIntegrationTest
class JsonEtagIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void aRepeatedReadIsA304WithoutABodyUntilTheDataChanges() {
		VigilClient admin = VigilClient.withNewAdmin(this.port, "viewer");
		VigilClient.Response first = admin.get("/api/admin/profile").assertStatus(200);
		String etag = first.header("ETag");
		assertThat(etag).matches("W/\"[0-9a-f]{33}\"");
		assertThat(first.header("Cache-Control")).isEqualTo("private, no-cache");

		VigilClient.Response again = admin.send("GET", "/api/admin/profile", null, Map.of("If-None-Match", etag));
		assertThat(again.status()).isEqualTo(304);
		assertThat(again.body()).isEmpty();
		assertThat(again.header("ETag")).isEqualTo(etag);

		admin.put("/api/admin/profile", Map.of("name", "Renamed " + etag.substring(1, 9))).assertStatus(200);
		VigilClient.Response changed = admin.send("GET", "/api/admin/profile", null, Map.of("If-None-Match", etag));
		assertThat(changed.status()).isEqualTo(200);
		assertThat(changed.header("ETag")).isNotEqualTo(etag);
	}

	@Test
	void aCompressedAnswerRevalidatesToo() {
		VigilClient root = VigilClient.root(this.port);
		Map<String, String> gzip = Map.of("Accept-Encoding", "gzip");
		VigilClient.Response first = root.send("GET", "/api/admin/log-levels", null, gzip).assertStatus(200);
		assertThat(first.header("Content-Encoding")).as("still compressed").isEqualTo("gzip");
		String etag = first.header("ETag");
		assertThat(etag).startsWith("W/");
		VigilClient.Response again = root.send("GET", "/api/admin/log-levels", null,
				Map.of("Accept-Encoding", "gzip", "If-None-Match", etag));
		assertThat(again.status()).isEqualTo(304);
	}

	@Test
	void streamsDownloadsAndErrorsAreNotTagged() throws Exception {
		VigilClient admin = VigilClient.withNewAdmin(this.port, "viewer");
		HttpResponse<InputStream> sse = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(admin.baseUrl() + "/api/admin/notifications/sse"))
				.header("Cookie", admin.cookieHeader("/api/admin/notifications/sse"))
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream body = sse.body()) {
			assertThat(sse.statusCode()).isEqualTo(200);
			assertThat(sse.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
			assertThat(sse.headers().firstValue("ETag")).isEmpty();
			assertThat(body.read()).as("the stream sends at once, unbuffered").isPositive();
		}

		VigilClient.Response session = admin.get("/api/admin/auth").assertStatus(200);
		assertThat(session.header("ETag")).as("the session check sets cookies").isNull();
		VigilClient.Response csv = admin.get("/api/admin/notifications/export").assertStatus(200);
		assertThat(csv.header("ETag")).isNull();
		VigilClient.Response missing = VigilClient.root(this.port)
			.get("/api/admin/webhooks/999999999")
			.assertStatus(404);
		assertThat(missing.header("ETag")).isNull();
		VigilClient.Response forbidden = admin.get("/api/admin/admins").assertStatus(403);
		assertThat(forbidden.header("ETag")).isNull();
		assertThat(forbidden.header("Cache-Control")).contains("no-store");
		VigilClient.Response anonymous = new VigilClient(this.port).get("/api/admin/profile").assertStatus(401);
		assertThat(anonymous.header("ETag")).isNull();
		assertThat(anonymous.header("Cache-Control")).contains("no-store");
	}

	@Test
	void signingOutClearsTheBrowserCache() {
		VigilClient admin = VigilClient.withNewAdmin(this.port, "viewer");
		assertThat(admin.post("/api/admin/auth/logout", Map.of()).assertStatus(200).header("Clear-Site-Data"))
			.isEqualTo("\"cache\"");
	}

	/**
	 * Every documented GET: JSON answers are tagged, anything else (event streams, files,
	 * CSV) passes the filter untouched. A new download route that the filter would buffer
	 * fails here.
	 */
	@Test
	void onlyJsonReadsAreBuffered() {
		JsonNode paths = new VigilClient(this.port).get("/api/docs").assertStatus(200).json().get("paths");
		JsonEtagFilter filter = new JsonEtagFilter();
		List<String> wrong = new ArrayList<>();
		int json = 0;
		for (Map.Entry<String, JsonNode> path : paths.properties()) {
			JsonNode get = path.getValue().get("GET".toLowerCase());
			if (get == null || !get.path("responses").has("200")) {
				continue;
			}
			Set<String> types = new TreeSet<>();
			get.path("responses").path("200").path("content").propertyNames().forEach(types::add);
			boolean onlyJson = !types.isEmpty() && types.stream().allMatch((t) -> t.contains("json"));
			json += onlyJson ? 1 : 0;
			MockHttpServletRequest request = new MockHttpServletRequest("GET",
					path.getKey().replaceAll("\\{[^}]+}", "x"));
			if (filter.shouldNotFilter(request) == onlyJson) {
				wrong.add(path.getKey() + " " + types);
			}
		}
		assertThat(json).as("JSON reads found in the document").isGreaterThan(20);
		assertThat(wrong).as("routes the ETag filter treats wrongly").isEmpty();
	}

}
