package dev.vigil.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HTTP client that behaves like a browser tab of the admin SPA: keeps cookies
 * (honouring their paths), sends the {@code X-XSRF-TOKEN} header on unsafe requests, and
 * speaks JSON.
 */
public class VigilClient {

	public static final String ROOT_EMAIL = "root@vigil.test";

	public static final String ROOT_PASSWORD = "root-password-1";

	/** The password of admins made by {@link #createAdmin}. */
	public static final String ADMIN_PASSWORD = "password-123";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	/** Cookie name to (value, path). */
	private final Map<String, String[]> cookies = new LinkedHashMap<>();

	private boolean sendCsrf = true;

	public VigilClient(int port) {
		this.base = "http://localhost:" + port;
	}

	/**
	 * Root, logged in. A 401 is tried again for a while: a server process answers its
	 * health check before the runner that creates the first admin has run.
	 */
	public static VigilClient root(int port) {
		VigilClient client = new VigilClient(port);
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		Response login = client.login(ROOT_EMAIL, ROOT_PASSWORD);
		while (login.status() == 401 && System.nanoTime() < deadline) {
			TestThreads.pause(200);
			login = client.login(ROOT_EMAIL, ROOT_PASSWORD);
		}
		login.assertStatus(200);
		return client;
	}

	/**
	 * A new admin with the given role, created by root, and a client logged in as that
	 * admin.
	 */
	public static VigilClient withNewAdmin(int port, String role) {
		return loggedIn(port, createAdmin(port, role));
	}

	/**
	 * Creates an admin with the given role and {@link #ADMIN_PASSWORD} as root; its
	 * email.
	 */
	public static String createAdmin(int port, String role) {
		String email = uniqueEmail();
		root(port).post("/api/admin/admins", Map.of("email", email, "password", ADMIN_PASSWORD, "role", role))
			.assertStatus(201);
		return email;
	}

	/**
	 * Creates an admin with the given role and {@link #ADMIN_PASSWORD} as this (root)
	 * client; its id.
	 */
	public long addAdmin(String role) {
		return post("/api/admin/admins", Map.of("email", uniqueEmail(), "password", ADMIN_PASSWORD, "role", role))
			.assertStatus(201)
			.json()
			.get("admin")
			.get("id")
			.asLong();
	}

	/**
	 * A new session of an admin made by {@link #createAdmin}: one more client logged in
	 * as it.
	 */
	public static VigilClient loggedIn(int port, String email) {
		VigilClient client = new VigilClient(port);
		client.login(email, ADMIN_PASSWORD).assertStatus(200);
		return client;
	}

	public static String uniqueEmail() {
		return "a-" + UUID.randomUUID().toString().substring(0, 12) + "@vigil.test";
	}

	/**
	 * The id of the session this client is signed in with, as the profile's session list
	 * marks it.
	 */
	public String currentSessionId() {
		return get("/api/admin/profile/sessions").json()
			.get("sessions")
			.valueStream()
			.filter((s) -> s.get("current").asBoolean())
			.findFirst()
			.orElseThrow()
			.get("id")
			.asString();
	}

	/** The id of the admin this client is logged in as. */
	public long adminId() {
		return get("/api/admin/auth").assertStatus(200).json().get("admin").get("id").asLong();
	}

	public Response login(String email, String password) {
		return post("/api/admin/auth/login", Map.of("email", email, "password", password));
	}

	public VigilClient withoutCsrf() {
		this.sendCsrf = false;
		return this;
	}

	public String cookie(String name) {
		String[] cookie = this.cookies.get(name);
		return (cookie != null) ? cookie[0] : null;
	}

	public void setCookie(String name, String value, String path) {
		this.cookies.put(name, new String[] { value, path });
	}

	public Response get(String path) {
		return send("GET", path, null, Map.of());
	}

	public Response post(String path, Object body) {
		return send("POST", path, body, Map.of());
	}

	public Response put(String path, Object body) {
		return send("PUT", path, body, Map.of());
	}

	public Response delete(String path) {
		return send("DELETE", path, null, Map.of());
	}

	public Response send(String method, String path, Object body, Map<String, String> headers) {
		return new Response(exchange(request(method, path, body, headers), HttpResponse.BodyHandlers.ofString()));
	}

	/** POSTs {@code bytes} as the multipart/form-data file part {@code field}. */
	public Response upload(String path, String field, String filename, byte[] bytes) {
		String boundary = "vigil-test-" + System.nanoTime();
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
				+ filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
		byte[] body = new byte[head.length + bytes.length + tail.length];
		System.arraycopy(head, 0, body, 0, head.length);
		System.arraycopy(bytes, 0, body, head.length, bytes.length);
		System.arraycopy(tail, 0, body, head.length + bytes.length, tail.length);
		return send("POST", path, body, Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
	}

	/** GETs {@code path} as raw bytes (downloads), asserting a 200. */
	public byte[] download(String path) {
		HttpResponse<byte[]> response = exchange(request("GET", path, null, Map.of()),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).as("status of GET %s", path).isEqualTo(200);
		return response.body();
	}

	private HttpRequest request(String method, String path, Object body, Map<String, String> headers) {
		HttpRequest.BodyPublisher publisher;
		if (body == null) {
			publisher = HttpRequest.BodyPublishers.noBody();
		}
		else if (body instanceof String s) {
			publisher = HttpRequest.BodyPublishers.ofString(s);
		}
		else if (body instanceof byte[] b) {
			publisher = HttpRequest.BodyPublishers.ofByteArray(b);
		}
		else {
			publisher = HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, publisher);
		if (body != null && headers.keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
			request.header("Content-Type", "application/json");
		}
		String cookieHeader = cookieHeader(URI.create(path).getPath());
		if (!cookieHeader.isEmpty()) {
			request.header("Cookie", cookieHeader);
		}
		if (this.sendCsrf && !method.equals("GET") && cookie("XSRF-TOKEN") != null) {
			request.header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"));
		}
		headers.forEach(request::header);
		return request.build();
	}

	private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
		try {
			HttpResponse<T> response = HTTP.send(request, handler);
			storeCookies(response.headers().allValues("Set-Cookie"));
			return response;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public String baseUrl() {
		return this.base;
	}

	/** The Cookie header a browser would send to {@code path}. */
	public String cookieHeader(String path) {
		StringBuilder header = new StringBuilder();
		this.cookies.forEach((name, cookie) -> {
			if (path.equals(cookie[1]) || path.startsWith(cookie[1].endsWith("/") ? cookie[1] : cookie[1] + "/")) {
				if (header.length() > 0) {
					header.append("; ");
				}
				header.append(name).append('=').append(cookie[0]);
			}
		});
		return header.toString();
	}

	private void storeCookies(List<String> setCookies) {
		for (String setCookie : setCookies) {
			String[] parts = setCookie.split(";");
			String[] pair = parts[0].split("=", 2);
			String path = "/";
			boolean expired = false;
			for (int i = 1; i < parts.length; i++) {
				String attribute = parts[i].trim();
				if (attribute.regionMatches(true, 0, "Path=", 0, 5)) {
					path = attribute.substring(5);
				}
				if (attribute.equalsIgnoreCase("Max-Age=0") || attribute.contains("1970")) {
					expired = true;
				}
			}
			if (expired || pair[1].isEmpty()) {
				this.cookies.remove(pair[0]);
			}
			else {
				this.cookies.put(pair[0], new String[] { pair[1], path });
			}
		}
	}

	/** A response with JSON helpers. */
	public record Response(HttpResponse<String> http) {

		public int status() {
			return this.http.statusCode();
		}

		public String body() {
			return this.http.body();
		}

		public JsonNode json() {
			return JSON.readTree(this.http.body());
		}

		public String header(String name) {
			return this.http.headers().firstValue(name).orElse(null);
		}

		public List<String> setCookies() {
			return this.http.headers().allValues("Set-Cookie");
		}

		public String setCookie(String name) {
			return setCookies().stream().filter((c) -> c.startsWith(name + "=")).findFirst().orElse(null);
		}

		public Response assertStatus(int expected) {
			assertThat(status()).as("status of %s %s, body %s", this.http.request().method(), this.http.uri(), body())
				.isEqualTo(expected);
			return this;
		}

		/**
		 * Asserts the ProblemDetail shape with the given status and message, and no
		 * internals.
		 */
		public Response assertProblem(int expected, String message) {
			assertStatus(expected);
			assertThat(header("Content-Type")).startsWith("application/problem+json");
			JsonNode json = json();
			assertThat(json.get("status").asInt()).isEqualTo(expected);
			assertThat(json.get("error").asString()).isEqualTo(message);
			assertThat(json.get("detail").asString()).isEqualTo(message);
			assertThat(body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("trace");
			return this;
		}

	}

}
