package dev.vigil.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One logged-in admin over REST, as the SPA does it: cookies kept, {@code X-XSRF-TOKEN} echoed on
 * unsafe requests, the 5-minute access token refreshed (via {@code GET /api/admin/auth}) before it
 * runs out.
 */
final class Api {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration REFRESH_EVERY = Duration.ofMinutes(3);

	private final HttpClient http;

	private final String base;

	private final Map<String, String> cookies = new ConcurrentHashMap<>();

	private volatile long refreshedAt;

	private String email;

	private String password;

	long adminId;

	Api(HttpClient http, String base) {
		this.http = http;
		this.base = base.replaceAll("/+$", "");
	}

	record Response(int status, String body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		Response expect(int... statuses) {
			for (int s : statuses) {
				if (s == this.status) {
					return this;
				}
			}
			throw new BenchException("HTTP " + this.status + ": " + abbreviate(this.body));
		}

	}

	static String abbreviate(String s) {
		return (s == null) ? "" : (s.length() > 300) ? s.substring(0, 300) + "…" : s;
	}

	Api login(String email, String password) {
		this.email = email;
		this.password = password;
		Response response = send("POST", "/api/admin/auth/login", Map.of("email", email, "password", password));
		if (response.status() == 429) {
			throw new BenchException("login of " + email + " rate-limited (429): raise vigil.auth.login-rate-limit");
		}
		response.expect(200);
		this.adminId = response.json().get("admin").get("id").asLong();
		this.refreshedAt = System.nanoTime();
		// The XSRF-TOKEN cookie arrives with the first GET.
		send("GET", "/api/admin/auth", null).expect(200);
		return this;
	}

	String base() {
		return this.base;
	}

	/** The Cookie header for stream requests (access token, path /api). */
	String cookieHeader() {
		refreshIfDue();
		return rawCookieHeader();
	}

	Response get(String path) {
		refreshIfDue();
		return send("GET", path, null);
	}

	Response post(String path, Object body) {
		refreshIfDue();
		return send("POST", path, body);
	}

	/**
	 * Fire-and-measure POST on {@code executor}; the future yields the status code. A blocking
	 * {@link HttpURLConnection} (kept-alive sockets) rather than the HttpClient: at hundreds of
	 * requests per second the HttpClient's asynchronous machinery cost the tool as much CPU as the
	 * server used, on the same two cores, and the tool's own lag showed up as server latency.
	 */
	CompletableFuture<Integer> postAsync(String path, Object body, Executor executor) {
		refreshIfDue();
		byte[] json = JSON.writeValueAsBytes(body);
		String cookies = rawCookieHeader();
		String xsrf = this.cookies.get("XSRF-TOKEN");
		return CompletableFuture.supplyAsync(() -> {
			try {
				HttpURLConnection connection = (HttpURLConnection) URI.create(this.base + path).toURL().openConnection();
				connection.setRequestMethod("POST");
				connection.setDoOutput(true);
				connection.setFixedLengthStreamingMode(json.length);
				connection.setRequestProperty("Content-Type", "application/json");
				connection.setRequestProperty("Cookie", cookies);
				if (xsrf != null) {
					connection.setRequestProperty("X-XSRF-TOKEN", xsrf);
				}
				try (OutputStream out = connection.getOutputStream()) {
					out.write(json);
				}
				int status = connection.getResponseCode();
				// Read to the end so that the socket goes back to the keep-alive cache.
				try (InputStream in = (status < 400) ? connection.getInputStream() : connection.getErrorStream()) {
					if (in != null) {
						in.transferTo(OutputStream.nullOutputStream());
					}
				}
				return status;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}, executor);
	}

	private synchronized void refreshIfDue() {
		if (this.email == null || System.nanoTime() - this.refreshedAt < REFRESH_EVERY.toNanos()) {
			return;
		}
		Response response = send("GET", "/api/admin/auth", null);
		if (response.status() != 200) {
			login(this.email, this.password);
		}
		this.refreshedAt = System.nanoTime();
	}

	private HttpRequest request(String method, String path, Object body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60))
			.method(method, (body == null) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		String cookies = rawCookieHeader();
		if (!cookies.isEmpty()) {
			request.header("Cookie", cookies);
		}
		String xsrf = this.cookies.get("XSRF-TOKEN");
		if (!method.equals("GET") && xsrf != null) {
			request.header("X-XSRF-TOKEN", xsrf);
		}
		return request.build();
	}

	private String rawCookieHeader() {
		StringBuilder header = new StringBuilder();
		this.cookies.forEach((name, value) -> {
			if (header.length() > 0) {
				header.append("; ");
			}
			header.append(name).append('=').append(value);
		});
		return header.toString();
	}

	private Response send(String method, String path, Object body) {
		try {
			HttpResponse<String> response = this.http.send(request(method, path, body),
					HttpResponse.BodyHandlers.ofString());
			storeCookies(response.headers().allValues("Set-Cookie"));
			return new Response(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new BenchException(method + " " + path + " failed: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BenchException("interrupted");
		}
	}

	private void storeCookies(List<String> setCookies) {
		for (String setCookie : setCookies) {
			String[] pair = setCookie.split(";", 2)[0].split("=", 2);
			boolean expired = setCookie.contains("Max-Age=0") || pair.length < 2 || pair[1].isEmpty();
			if (expired) {
				this.cookies.remove(pair[0]);
			}
			else {
				this.cookies.put(pair[0].trim(), pair[1]);
			}
		}
	}

	/** {@code /actuator/prometheus} text (public, or with the bearer token). */
	static String prometheus(HttpClient http, String base, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.replaceAll("/+$", "") + "/actuator/prometheus"))
			.timeout(Duration.ofSeconds(30));
		if (token != null && !token.isEmpty()) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new BenchException("/actuator/prometheus: HTTP " + response.statusCode()
						+ " (private metrics? pass --metrics-token)");
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new BenchException("/actuator/prometheus failed: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BenchException("interrupted");
		}
	}

	/** Sum of the samples of {@code metric} whose labels contain every one of {@code labels}. */
	static double sum(String metrics, String metric, String... labels) {
		double total = 0;
		for (String line : metrics.split("\n")) {
			if (!line.startsWith(metric + "{") && !line.startsWith(metric + " ")) {
				continue;
			}
			boolean match = true;
			for (String label : labels) {
				match &= line.contains(label);
			}
			if (match) {
				total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return total;
	}

}
