package dev.vigil.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Server-Sent Events reader as a browser's EventSource parses the wire: lines,
 * {@code id:}, {@code event:}, multi-line {@code data:}, comments, {@code retry:}. Events
 * are read on a thread of their own into a queue; end of stream is an event named
 * {@link #END}.
 */
public final class SseClient implements AutoCloseable {

	public static final String END = "<end>";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/**
	 * One parsed event; {@code receivedNanos} is when its terminating blank line was
	 * read.
	 */
	public record Event(String id, String name, String data, long receivedNanos) {

		public JsonNode json() {
			return JSON.readTree(this.data);
		}

	}

	private final HttpResponse<InputStream> response;

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final List<String> comments = new ArrayList<>();

	private volatile String retry;

	private SseClient(HttpResponse<InputStream> response) {
		this.response = response;
		Thread reader = new Thread(this::read, "sse-client");
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Opens {@code path} with the client's cookies and {@code Accept: text/event-stream}.
	 */
	public static SseClient open(VigilClient client, String path, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client.baseUrl() + path))
			.header("Accept", "text/event-stream")
			.GET();
		String cookies = client.cookieHeader(URI.create(path).getPath());
		if (!cookies.isEmpty()) {
			request.header("Cookie", cookies);
		}
		headers.forEach(request::header);
		try {
			return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static SseClient open(VigilClient client, String path) {
		return open(client, path, Map.of());
	}

	public int status() {
		return this.response.statusCode();
	}

	public String header(String name) {
		return this.response.headers().firstValue(name).orElse(null);
	}

	public String retry() {
		return this.retry;
	}

	/** The next event, or null after {@code timeout}. */
	public Event next(Duration timeout) {
		return TestThreads.blocking(() -> this.events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
	}

	/** The next event, which must arrive within 5 s. */
	public Event next() {
		Event event = next(Duration.ofSeconds(5));
		if (event == null) {
			throw new AssertionError("no SSE event within 5 s");
		}
		return event;
	}

	public synchronized List<String> comments() {
		return List.copyOf(this.comments);
	}

	@Override
	public void close() {
		try {
			this.response.body().close();
		}
		catch (IOException ex) {
			// closing is best effort
		}
	}

	private void read() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
			String id = null;
			String name = null;
			StringBuilder data = null;
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.isEmpty()) {
					if (data != null) {
						this.events
							.add(new Event(id, (name != null) ? name : "message", data.toString(), System.nanoTime()));
					}
					id = null;
					name = null;
					data = null;
				}
				else if (line.startsWith(":")) {
					synchronized (this) {
						this.comments.add(line);
					}
				}
				else {
					int colon = line.indexOf(':');
					String field = (colon < 0) ? line : line.substring(0, colon);
					String value = (colon < 0) ? "" : line.substring(colon + 1);
					if (value.startsWith(" ")) {
						value = value.substring(1);
					}
					switch (field) {
						case "id" -> id = value;
						case "event" -> name = value;
						case "retry" -> this.retry = value;
						case "data" ->
							data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
						default -> {
						}
					}
				}
			}
		}
		catch (IOException ex) {
			// closed by us or by the server: both end the stream
		}
		this.events.add(new Event(null, END, "", System.nanoTime()));
	}

}
