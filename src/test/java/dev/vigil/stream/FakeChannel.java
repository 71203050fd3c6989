package dev.vigil.stream;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.vigil.auth.CurrentAdmin;

/**
 * The stream core's test channel: a hub channel on topic {@value #NAME} with one key for
 * everyone ({@value #KEY}); it counts opens and closes, and replays what the test gives
 * it (nothing by default).
 */
class FakeChannel implements HubChannel {

	static final String NAME = "test";

	static final String KEY = "key";

	final AtomicInteger opened = new AtomicInteger();

	final AtomicInteger closed = new AtomicInteger();

	private volatile Function<StreamSubscriber, Replay> replay = (subscriber) -> Replay.none();

	/** What each new connection is sent first. */
	FakeChannel replaying(Function<StreamSubscriber, Replay> replay) {
		this.replay = replay;
		return this;
	}

	static StreamEvent event(String data) {
		return StreamEvent.of("test", data);
	}

	static List<StreamEvent> events(String... data) {
		return List.of(data).stream().map(FakeChannel::event).toList();
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public Object key(CurrentAdmin admin) {
		return KEY;
	}

	@Override
	public StreamSubscriber opened(StreamSubscriber subscriber) {
		this.opened.incrementAndGet();
		return subscriber;
	}

	@Override
	public Replay replay(StreamSubscriber subscriber) {
		return this.replay.apply(subscriber);
	}

	@Override
	public void closed(StreamSubscriber subscriber) {
		this.closed.incrementAndGet();
	}

}
