package dev.vigil.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import io.lettuce.core.event.connection.DisconnectedEvent;
import io.lettuce.core.resource.ClientResources;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The bus and registry over Redis.
 * <p>
 * Pub/sub loses what is published while a subscriber is disconnected, and a subscriber
 * that reconnects quickly does not know it missed anything. So the bus watches itself:
 * every heartbeat publishes a numbered echo to this instance; a lost connection
 * (Lettuce's event), an echo that does not come back within the TTL, or a gap in the
 * echoes' numbers counts as a loss since the last echo that did come back. When echoes
 * flow again the instance runs its recoveries and tells the others, which run theirs:
 * what this instance published while cut off reached nobody.
 * <p>
 * Bulky messages that may be lost (relayed log lines) take a path of their own: their own
 * queue bounded in bytes, their own channels subscribed one by one by the one instance
 * that wants them. Dropping them never counts as a loss, so a busy log cannot push
 * notifications out of the send queue and set off recoveries everywhere.
 */
final class RedisCluster implements ClusterNode, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RedisCluster.class);

	private static final String ECHO = "echo";

	private static final String RECOVERED = "recovered";

	/** An instance stopping on purpose: nothing for the others to catch up. */
	private static final String LEAVING = "leaving";

	/** Messages waiting in the send queue at most. */
	private static final int SEND_QUEUE = 10_000;

	/** Bytes (characters) of lossy messages waiting to be sent at most. */
	static final long LOSSY_BUDGET = 8L * 1024 * 1024;

	/** Heartbeats that repeat a recovery announcement after the first one. */
	private static final int ANNOUNCE_REPEATS = 3;

	private final ClusterProperties properties;

	private final InstanceIdentity identity;

	private final LettuceConnectionFactory connections;

	private final StringRedisTemplate redis;

	private volatile @Nullable RedisMessageListenerContainer listeners;

	private final JsonMapper json;

	private final String prefix;

	private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();

	private final List<BiConsumer<String, Instant>> recoveries = new CopyOnWriteArrayList<>();

	/** The listeners of exactly-subscribed (lossy) channels, by topic. */
	private final Map<String, MessageListener> direct = new ConcurrentHashMap<>();

	private final Map<String, Supplier<Object>> details = new ConcurrentHashMap<>();

	private final ThreadPoolExecutor sender;

	private final ExecutorService receiver;

	private final ScheduledExecutorService heartbeat;

	/** Recoveries read the database: never on the receiving thread. */
	private final ExecutorService recovering;

	private final ExecutorService lossySender;

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong lossyDropped = new AtomicLong();

	private final AtomicLong lossyBytes = new AtomicLong();

	/** The recovery announced now and how many heartbeats still repeat it. */
	private final AtomicReference<@Nullable Announcement> announcing = new AtomicReference<>();

	/** The last recovery announced by each other instance: repeats are run once. */
	private final Map<String, Long> announced = new ConcurrentHashMap<>();

	/** Instances that said they were stopping. */
	private final Map<String, Long> leaving = new ConcurrentHashMap<>();

	private final AtomicLong echoes = new AtomicLong();

	private volatile long lastEchoSeq;

	private volatile long lastEchoAt = System.currentTimeMillis();

	/** The last moment the bus was known to work, while it is counted as lost. */
	private volatile @Nullable Instant lostSince;

	private volatile List<Instance> lastLive = List.of();

	private volatile long lastLiveAt;

	/** The registry at the last heartbeat: who left since. Only the heartbeat uses it. */
	private List<Instance> known = List.of();

	private volatile boolean running;

	RedisCluster(ClusterProperties properties, InstanceIdentity identity, LettuceConnectionFactory connections,
			JsonMapper json) {
		this.properties = properties;
		this.identity = identity;
		this.connections = connections;
		this.json = json;
		this.prefix = properties.name() + ":";
		this.redis = new StringRedisTemplate(connections);
		this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(SEND_QUEUE),
				new CustomizableThreadFactory("vigil-bus-send-"), (task, pool) -> {
					this.dropped.incrementAndGet();
					// The others miss it as if the bus had been down: they catch up when
					// this instance announces its recovery, from before it was queued.
					lost("send queue full", (task instanceof Send send) ? send.enqueuedAt : System.currentTimeMillis());
				});
		this.lossySender = Executors.newSingleThreadExecutor(new CustomizableThreadFactory("vigil-bus-lossy-"));
		this.receiver = Executors.newSingleThreadExecutor(new CustomizableThreadFactory("vigil-bus-receive-"));
		this.heartbeat = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("vigil-bus-beat-"));
		this.recovering = Executors.newSingleThreadExecutor(new CustomizableThreadFactory("vigil-bus-recover-"));
		resources().eventBus().get().subscribe((event) -> {
			if (event instanceof DisconnectedEvent) {
				lost("disconnected", System.currentTimeMillis());
			}
		});
	}

	@Override
	public boolean clustered() {
		return true;
	}

	@Override
	public String instanceId() {
		return this.identity.id();
	}

	@Override
	public void publish(String topic, Object message) {
		String payload = this.identity.id() + "\n" + this.json.writeValueAsString(message);
		this.sender.execute(new Send(topic, payload, System.currentTimeMillis()));
	}

	@Override
	public boolean publishLossy(String topic, Object message, Runnable done) {
		String payload = this.identity.id() + "\n" + this.json.writeValueAsString(message);
		long size = payload.length();
		if (!this.running || this.lossyBytes.addAndGet(size) > LOSSY_BUDGET) {
			this.lossyBytes.addAndGet(-size);
			this.lossyDropped.incrementAndGet();
			done.run();
			return false;
		}
		try {
			this.lossySender.execute(() -> {
				try {
					this.redis.convertAndSend(this.prefix + "lossy:" + topic, payload);
				}
				catch (RuntimeException ex) {
					this.lossyDropped.incrementAndGet();
				}
				finally {
					this.lossyBytes.addAndGet(-size);
					done.run();
				}
			});
		}
		catch (RuntimeException ex) {
			// Shut down meanwhile.
			this.lossyBytes.addAndGet(-size);
			this.lossyDropped.incrementAndGet();
			done.run();
			return false;
		}
		return true;
	}

	@Override
	public <T> void subscribeLossy(String topic, Class<T> type, Consumer<T> handler) {
		subscribe(topic, type, handler);
		MessageListener listener = this::received;
		synchronized (this.direct) {
			RedisMessageListenerContainer listeners = this.listeners;
			if (this.direct.putIfAbsent(topic, listener) == null && listeners != null) {
				listeners.addMessageListener(listener, lossyChannel(topic));
			}
		}
	}

	@Override
	public <T> void subscribe(String topic, Class<T> type, Consumer<T> handler) {
		this.handlers.computeIfAbsent(topic, (t) -> new CopyOnWriteArrayList<>())
			.add((body) -> handler.accept(this.json.readValue(body, type)));
	}

	@Override
	public void unsubscribe(String topic) {
		this.handlers.remove(topic);
		synchronized (this.direct) {
			MessageListener listener = this.direct.remove(topic);
			RedisMessageListenerContainer listeners = this.listeners;
			if (listener != null && listeners != null) {
				try {
					listeners.removeMessageListener(listener, lossyChannel(topic));
				}
				catch (RuntimeException ex) {
					logger.debug("Bus channel {} not unsubscribed: {}", topic, ex.toString());
				}
			}
		}
	}

	private ChannelTopic lossyChannel(String topic) {
		return new ChannelTopic(this.prefix + "lossy:" + topic);
	}

	@Override
	public void onRecovered(Consumer<Instant> recovery) {
		this.recoveries.add((origin, since) -> recovery.accept(since));
	}

	@Override
	public void onRecoveredFrom(BiConsumer<String, Instant> recovery) {
		this.recoveries.add(recovery);
	}

	@Override
	public Instance self() {
		return this.identity.describe(System.currentTimeMillis(), this.details);
	}

	@Override
	public List<Instance> live() {
		long now = System.currentTimeMillis();
		if (now - this.lastLiveAt > this.properties.heartbeat().toMillis() / 2) {
			refreshLive(now);
		}
		// The entries' TTL in Redis says who is live: a seenAt from another clock is not
		// compared with this one (skew would hide a live instance).
		List<Instance> live = new ArrayList<>(
				this.lastLive.stream().filter((instance) -> !instance.id().equals(this.identity.id())).toList());
		live.add(self());
		live.sort(Comparator.comparing(Instance::name).thenComparing(Instance::id));
		return live;
	}

	@Override
	public void describe(String key, Supplier<Object> value) {
		this.details.put(key, value);
	}

	/** Messages this instance could not send: the bus was down or the queue full. */
	long dropped() {
		return this.dropped.get();
	}

	/** Lossy messages (log lines) dropped: their queue was full or the bus down. */
	long lossyDropped() {
		return this.lossyDropped.get();
	}

	/**
	 * The registry as last read, or null when it could not be read; in the background,
	 * instances that left it without saying so start recoveries.
	 */
	private @Nullable List<Instance> refreshLive(long now) {
		try {
			List<Instance> read = readRegistry();
			this.lastLive = read;
			this.lastLiveAt = now;
			return read;
		}
		catch (RuntimeException ex) {
			// The registry is out of reach: the last list, with this instance as it
			// is now.
			logger.debug("Instance registry unreadable: {}", ex.toString());
			return null;
		}
	}

	boolean connected() {
		return this.lostSince == null;
	}

	/** Whether an echo has come back since the start. */
	boolean echoed() {
		return this.lastEchoSeq > 0;
	}

	/**
	 * Stops beating and listening without a word, as a process that died: its entry
	 * expires and the others run their recoveries.
	 */
	void vanishForTest() {
		this.heartbeat.shutdownNow();
		RedisMessageListenerContainer listeners = this.listeners;
		if (listeners != null) {
			listeners.stop();
		}
	}

	/** Makes the next echo arrive out of sequence, as after missed messages. */
	void skipEchoesForTest(int count) {
		this.echoes.addAndGet(count);
	}

	@Override
	public void start() {
		// The context took seconds to start since this was made: no echo could come back
		// before now (counting from the constructor made every start a "loss").
		this.lastEchoAt = System.currentTimeMillis();
		this.running = true;
		listen();
		long period = this.properties.heartbeat().toMillis();
		this.heartbeat.scheduleWithFixedDelay(this::beat, 0, period, TimeUnit.MILLISECONDS);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.heartbeat.shutdownNow();
		try {
			this.redis.convertAndSend(this.prefix + "bus:" + LEAVING, this.identity.id() + "\n");
			this.redis.delete(registryKey(this.identity.id()));
			this.redis.opsForSet().remove(membersKey(), this.identity.id());
		}
		catch (RuntimeException ex) {
			// Its entry expires on its own.
		}
		RedisMessageListenerContainer listeners = this.listeners;
		if (listeners != null) {
			listeners.stop();
			destroy(listeners);
		}
		this.sender.shutdown();
		this.lossySender.shutdownNow();
		this.receiver.shutdown();
		this.recovering.shutdown();
		this.connections.destroy();
		resources().shutdown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Early: features subscribe before their streams open, and stop after they close. */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 100;
	}

	/**
	 * Subscribes to the bus. Redis may be down when the instance starts, which must not
	 * keep it from starting: then the bus is lost, and each heartbeat tries again with a
	 * new listener container (one whose start failed is not reliably startable again).
	 */
	private void listen() {
		RedisMessageListenerContainer listeners = new RedisMessageListenerContainer();
		listeners.setConnectionFactory(this.connections);
		listeners.setTaskExecutor(this.receiver);
		listeners.addMessageListener(this::received, new PatternTopic(this.prefix + "bus:*"));
		synchronized (this.direct) {
			// The exact channels of the lossy topics subscribed so far (log watches).
			this.direct.forEach((topic, listener) -> listeners.addMessageListener(listener, lossyChannel(topic)));
			try {
				listeners.afterPropertiesSet();
				listeners.start();
				this.listeners = listeners;
			}
			catch (RuntimeException ex) {
				destroy(listeners);
				lost("cannot subscribe: " + ex.getMessage(), System.currentTimeMillis());
			}
		}
	}

	private static void destroy(RedisMessageListenerContainer listeners) {
		try {
			listeners.destroy();
		}
		catch (Exception ex) {
			logger.debug("Bus listeners did not stop cleanly: {}", ex.toString());
		}
	}

	private void beat() {
		if (this.listeners == null) {
			listen();
		}
		long now = System.currentTimeMillis();
		if (now - this.lastEchoAt > this.properties.instanceTtl().toMillis()) {
			lost("no echo for " + (now - this.lastEchoAt) + " ms", now);
		}
		try {
			Instance self = self();
			this.redis.opsForValue()
				.set(registryKey(self.id()), this.json.writeValueAsString(self), this.properties.instanceTtl());
			this.redis.opsForSet().add(membersKey(), self.id());
		}
		catch (RuntimeException ex) {
			logger.debug("Heartbeat not stored: {}", ex.toString());
		}
		send(ECHO, this.identity.id() + "\n" + this.echoes.incrementAndGet(), now);
		announce();
		watchDepartures(now);
	}

	/**
	 * Runs the recoveries for each instance that left the registry without saying it was
	 * stopping: what it stored but had not sent over the bus yet reached nobody.
	 */
	private void watchDepartures(long now) {
		List<Instance> before = this.known;
		List<Instance> after = refreshLive(now);
		if (after == null || this.lostSince != null) {
			return;
		}
		this.known = after;
		for (Instance instance : before) {
			String id = instance.id();
			if (id.equals(this.identity.id()) || after.stream().anyMatch((i) -> i.id().equals(id))) {
				continue;
			}
			if (this.leaving.remove(id) == null) {
				logger.info("Instance {} left without stopping: catching up from {}", instance.name(),
						Instant.ofEpochMilli(instance.seenAt()));
				recover(id, Instant.ofEpochMilli(instance.seenAt()));
			}
			this.announced.remove(id);
		}
		this.leaving.values().removeIf((at) -> now - at > 10 * this.properties.instanceTtl().toMillis());
	}

	/** Sends the pending recovery announcement again, a few heartbeats in a row. */
	private void announce() {
		Announcement announcement = this.announcing.get();
		if (announcement == null) {
			return;
		}
		if (announcement.left.getAndDecrement() <= 0) {
			this.announcing.compareAndSet(announcement, null);
			return;
		}
		try {
			this.redis.convertAndSend(this.prefix + "bus:" + RECOVERED,
					this.identity.id() + "\n" + announcement.since.toEpochMilli());
		}
		catch (RuntimeException ex) {
			// The next heartbeat tries again.
			logger.debug("Recovery announcement not sent: {}", ex.toString());
		}
	}

	private void send(String topic, String payload, long enqueuedAt) {
		try {
			this.redis.convertAndSend(this.prefix + "bus:" + topic, payload);
		}
		catch (RuntimeException ex) {
			this.dropped.incrementAndGet();
			lost("publish failed: " + ex.getMessage(), enqueuedAt);
		}
	}

	private void received(Message message, byte @Nullable [] pattern) {
		String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
		// "bus:" and "lossy:" have the same length by chance only: cut at the colon.
		String topic = channel.substring(channel.indexOf(':', this.prefix.length()) + 1);
		String payload = new String(message.getBody(), StandardCharsets.UTF_8);
		int newline = payload.indexOf('\n');
		if (newline < 0) {
			return;
		}
		String origin = payload.substring(0, newline);
		String body = payload.substring(newline + 1);
		boolean own = origin.equals(this.identity.id());
		if (topic.equals(ECHO)) {
			if (own) {
				echoed(Long.parseLong(body));
			}
			return;
		}
		if (own) {
			return;
		}
		if (topic.equals(RECOVERED)) {
			long since = Long.parseLong(body);
			Long previous = this.announced.put(origin, since);
			if (previous == null || previous != since) {
				recover(origin, Instant.ofEpochMilli(since));
			}
			return;
		}
		if (topic.equals(LEAVING)) {
			this.leaving.put(origin, System.currentTimeMillis());
			return;
		}
		for (Consumer<String> handler : this.handlers.getOrDefault(topic, List.of())) {
			try {
				handler.accept(body);
			}
			catch (RuntimeException ex) {
				logger.warn("Bus message on {} not handled: {}", topic, ex.toString());
			}
		}
	}

	private void echoed(long seq) {
		long previous = this.lastEchoSeq;
		if (previous != 0 && seq != previous + 1) {
			lost("echo " + seq + " after " + previous, this.lastEchoAt);
		}
		this.lastEchoSeq = seq;
		Instant since = back();
		if (since == null) {
			return;
		}
		logger.info("Bus back after a loss since {}: catching up", since);
		recover(this.identity.id(), since);
		// Not from this (receiving) thread, and more than once: an instance cut off at
		// that moment hears one of the repeats; receivers run each (origin, since) once.
		this.announcing.set(new Announcement(since, new AtomicInteger(1 + ANNOUNCE_REPEATS)));
		try {
			this.heartbeat.execute(this::announce);
		}
		catch (RuntimeException ex) {
			// Stopping.
		}
	}

	/**
	 * An echo came back: the bus works now. The loss it ends, if any; under the same lock
	 * as {@link #lost}, so a loss signalled meanwhile is not cleared unrecovered.
	 */
	private synchronized @Nullable Instant back() {
		Instant since = this.lostSince;
		this.lostSince = null;
		this.lastEchoAt = System.currentTimeMillis();
		return since;
	}

	/**
	 * @param at when what was lost was queued: a message that waited in the send queue is
	 * older than the last echo
	 */
	private synchronized void lost(String why, long at) {
		if (!this.running) {
			// Stopping closes the connection: no loss to tell about.
			return;
		}
		Instant from = Instant.ofEpochMilli(Math.min(this.lastEchoAt, at));
		Instant since = this.lostSince;
		if (since == null) {
			this.lostSince = from;
			logger.warn("Bus lost ({}): what other instances publish may be missed until it is back", why);
		}
		else if (from.isBefore(since)) {
			this.lostSince = from;
		}
	}

	private void recover(String origin, Instant since) {
		this.recovering.execute(() -> {
			for (BiConsumer<String, Instant> recovery : this.recoveries) {
				try {
					recovery.accept(origin, since);
				}
				catch (RuntimeException ex) {
					logger.warn("Recovery after a bus loss failed: {}", ex.toString());
				}
			}
		});
	}

	/**
	 * The entries of the instances in the members set: no SCAN over a Redis others share.
	 * An entry expires with its TTL; its id leaves the set when a reader finds it gone.
	 */
	private List<Instance> readRegistry() {
		Set<String> members = this.redis.opsForSet().members(membersKey());
		if (members == null || members.isEmpty()) {
			return List.of();
		}
		List<String> ids = List.copyOf(members);
		List<String> values = this.redis.opsForValue().multiGet(ids.stream().map(this::registryKey).toList());
		if (values != null) {
			Object[] gone = IntStream.range(0, ids.size())
				.filter((i) -> values.get(i) == null)
				.mapToObj(ids::get)
				.toArray();
			if (gone.length > 0) {
				this.redis.opsForSet().remove(membersKey(), gone);
			}
		}
		if (values == null) {
			return List.of();
		}
		List<Instance> instances = new ArrayList<>();
		for (String value : values) {
			if (value == null) {
				continue;
			}
			try {
				instances.add(this.json.readValue(value, Instance.class));
			}
			catch (RuntimeException ex) {
				// Another version's entry, say: one bad entry does not hide the others.
				logger.debug("Instance entry unreadable: {}", ex.toString());
			}
		}
		return instances;
	}

	/** A message to send, stamped with when it was queued. */
	private final class Send implements Runnable {

		private final String topic;

		private final String payload;

		private final long enqueuedAt;

		Send(String topic, String payload, long enqueuedAt) {
			this.topic = topic;
			this.payload = payload;
			this.enqueuedAt = enqueuedAt;
		}

		@Override
		public void run() {
			send(this.topic, this.payload, this.enqueuedAt);
		}

	}

	private record Announcement(Instant since, AtomicInteger left) {
	}

	private ClientResources resources() {
		return this.connections.getClientConfiguration().getClientResources().orElseThrow();
	}

	private String registryKey(String id) {
		return this.prefix + "instance:" + id;
	}

	private String membersKey() {
		return this.prefix + "instances";
	}

}
