package dev.vigil.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.vigil.support.SseClient;
import dev.vigil.support.VigilClient;
import dev.vigil.support.WsClient;

/**
 * A browser tab's notification stream through the balancer, SSE or WebSocket: when the
 * stream ends it reconnects at once, as EventSource and the SPA's stream layer do, and
 * resumes from the last notification id it received (SSE {@code Last-Event-ID}, WebSocket
 * {@code ?since=}). It keeps every notification id it received, in order, with repeats,
 * and how long each reconnect took (stream ended → first event of the new one).
 */
final class ResumingStream implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	final String label;

	/** In the stream's query ({@code ?tab=}), to find its connections in nginx's log. */
	final String tag;

	private final VigilClient client;

	private final boolean sse;

	private final List<Long> ids = Collections.synchronizedList(new ArrayList<>());

	private final List<String> types = Collections.synchronizedList(new ArrayList<>());

	private final List<Long> reconnectMillis = Collections.synchronizedList(new ArrayList<>());

	private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

	private final AtomicBoolean open = new AtomicBoolean(true);

	private final Thread reader;

	private volatile boolean connected;

	private volatile long lastId;

	private ResumingStream(String label, VigilClient client, boolean sse) {
		this.label = label;
		this.tag = label + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		this.client = client;
		this.sse = sse;
		this.reader = new Thread(this::run, "resuming-" + label);
		this.reader.setDaemon(true);
	}

	/** Opens the stream; returns once it had its first event (the unread count). */
	static ResumingStream open(String label, VigilClient client, boolean sse) {
		ResumingStream stream = new ResumingStream(label, client, sse);
		stream.reader.start();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!stream.connected && System.nanoTime() < deadline) {
			dev.vigil.support.TestThreads.pause(20);
		}
		if (!stream.connected) {
			throw new AssertionError(label + " not connected within 30 s: " + stream.failures);
		}
		return stream;
	}

	private void run() {
		long endedAt = 0;
		while (this.open.get()) {
			try {
				if (this.sse) {
					endedAt = readSse(endedAt);
				}
				else {
					endedAt = readWs(endedAt);
				}
			}
			catch (RuntimeException ex) {
				// Connecting failed (the balancer found no instance yet): try again, as a
				// browser would after its retry delay.
				this.failures.add(ex.toString());
				if (endedAt == 0) {
					endedAt = System.nanoTime();
				}
				dev.vigil.support.TestThreads.pause(200);
			}
		}
	}

	/** One SSE connection, read until it ends; when it ended. */
	private long readSse(long endedAt) {
		Map<String, String> headers = (this.lastId > 0) ? Map.of("Last-Event-ID", Long.toString(this.lastId))
				: Map.of();
		try (SseClient stream = SseClient.open(this.client, JarCluster.STREAM + "?tab=" + this.tag, headers)) {
			if (stream.status() != 200) {
				throw new IllegalStateException("SSE status " + stream.status());
			}
			while (this.open.get()) {
				SseClient.Event event = stream.next(Duration.ofMillis(200));
				if (event == null) {
					continue;
				}
				if (event.name().equals(SseClient.END)) {
					return System.nanoTime();
				}
				endedAt = received(event.json(), endedAt);
			}
		}
		return 0;
	}

	/** One WebSocket connection, read until it closes; when it closed. */
	private long readWs(long endedAt) {
		String path = JarCluster.STREAM + "?tab=" + this.tag + ((this.lastId > 0) ? "&since=" + this.lastId : "");
		try (WsClient stream = WsClient.connect(this.client, path)) {
			while (this.open.get()) {
				WsClient.Frame frame = stream.next(Duration.ofMillis(200));
				if (frame == null) {
					if (stream.isClosed()) {
						return System.nanoTime();
					}
					continue;
				}
				endedAt = received(JSON.readTree(frame.text()), endedAt);
			}
		}
		return 0;
	}

	private long received(JsonNode event, long endedAt) {
		if (endedAt > 0) {
			this.reconnectMillis.add((System.nanoTime() - endedAt) / 1_000_000);
		}
		this.connected = true;
		String type = event.get("type").asString();
		this.types.add(type);
		if (type.equals("notification")) {
			long id = event.get("id").asLong();
			this.ids.add(id);
			this.lastId = Math.max(this.lastId, id);
		}
		return 0;
	}

	/** Every notification id received, repeats included, in order. */
	List<Long> ids() {
		synchronized (this.ids) {
			return List.copyOf(this.ids);
		}
	}

	/** The distinct ids received. */
	Set<Long> distinct() {
		return new LinkedHashSet<>(ids());
	}

	/** Receipts beyond the first of an id. */
	int duplicates() {
		return ids().size() - distinct().size();
	}

	/** Event types received, in order (notification, read, unread_count, reset…). */
	List<String> types() {
		synchronized (this.types) {
			return List.copyOf(this.types);
		}
	}

	/** How long each reconnect took, stream end to its first event, in ms. */
	List<Long> reconnects() {
		synchronized (this.reconnectMillis) {
			return List.copyOf(this.reconnectMillis);
		}
	}

	/** The instances that served this tab's connections, in order (after it closed). */
	List<String> servedBy(JarCluster cluster) {
		return cluster.servedBy("GET", "tab=" + this.tag, 1);
	}

	boolean sse() {
		return this.sse;
	}

	@Override
	public void close() {
		this.open.set(false);
		dev.vigil.support.TestThreads.blocking(() -> {
			this.reader.join(5000);
			return null;
		});
	}

}
