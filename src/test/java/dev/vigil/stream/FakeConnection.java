package dev.vigil.stream;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import dev.vigil.auth.CurrentAdmin;

/**
 * The stream core's test connection: records the data of what reached the "socket" (was
 * written and flushed), the size of each flush, and how the transport was ended. Delivers
 * on the calling thread unless given an executor.
 */
class FakeConnection extends Connection {

	static final CurrentAdmin ADMIN = new CurrentAdmin(1, "session-1", "viewer", List.of(), null);

	final List<String> written = new CopyOnWriteArrayList<>();

	final List<Integer> flushes = new CopyOnWriteArrayList<>();

	private final List<String> buffered = new CopyOnWriteArrayList<>();

	final List<CloseReason> terminatedWith = new CopyOnWriteArrayList<>();

	FakeConnection(StreamChannel<?> channel, StreamMetrics metrics) {
		this(channel, null, metrics);
	}

	FakeConnection(StreamChannel<?> channel, String cursor, StreamMetrics metrics) {
		this(channel, cursor, metrics, Runnable::run);
	}

	FakeConnection(StreamChannel<?> channel, String cursor, StreamMetrics metrics, Executor executor) {
		super(channel, ADMIN, cursor, Map.of(), 16, executor, metrics);
	}

	@Override
	Transport transport() {
		return Transport.SSE;
	}

	@Override
	void write(StreamEvent event) throws IOException {
		this.buffered.add(event.data());
	}

	@Override
	void heartbeat() {
	}

	@Override
	void flush() {
		this.flushes.add(this.buffered.size());
		this.written.addAll(this.buffered);
		this.buffered.clear();
	}

	@Override
	void terminate(CloseReason reason) {
		this.terminatedWith.add(reason);
	}

}
