package dev.vigil.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.lettuce.core.event.connection.DisconnectedEvent;
import io.lettuce.core.resource.ClientResources;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
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
 */
final class RedisCluster implements ClusterNode, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RedisCluster.class);

	private static final String ECHO = "echo";

	private static final String RECOVERED = "recovered";

	private final ClusterProperties properties;

	private final InstanceIdentity identity;

	private final LettuceConnectionFactory connections;

	private final StringRedisTemplate redis;

	private volatile @Nullable RedisMessageListenerContainer listeners;

	private final JsonMapper json;

	private final String prefix;

	private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();

	private final List<Consumer<Instant>> recoveries = new CopyOnWriteArrayList<>();

	private final Map<String, Supplier<Object>> details = new ConcurrentHashMap<>();

	private final ThreadPoolExecutor sender;

	private final ExecutorService receiver;

	private final ScheduledExecutorService heartbeat;

	/** Recoveries read the database: never on the receiving thread. */
	private final ExecutorService recovering;

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicLong echoes = new AtomicLong();

	private volatile long lastEchoSeq;

	private volatile long lastEchoAt = System.currentTimeMillis();

	/** The last moment the bus was known to work, while it is counted as lost. */
	private volatile @Nullable Instant lostSince;

	private volatile List<Instance> lastLive = List.of();

	private volatile long lastLiveAt;

	private volatile boolean running;

	RedisCluster(ClusterProperties properties, InstanceIdentity identity, LettuceConnectionFactory connections,
			JsonMapper json) {
		this.properties = properties;
		this.identity = identity;
		this.connections = connections;
		this.json = json;
		this.prefix = properties.name() + ":";
		this.redis = new StringRedisTemplate(connections);
		this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(10_000),
				new CustomizableThreadFactory("vigil-bus-send-"), (task, pool) -> {
					this.dropped.incrementAndGet();
					// The others miss it as if the bus had been down: they catch up when
					// this instance announces its recovery.
					lost("send queue full");
				});
		this.receiver = Executors.newSingleThreadExecutor(new CustomizableThreadFactory("vigil-bus-receive-"));
		this.heartbeat = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("vigil-bus-beat-"));
		this.recovering = Executors.newSingleThreadExecutor(new CustomizableThreadFactory("vigil-bus-recover-"));
		resources().eventBus().get().subscribe((event) -> {
			if (event instanceof DisconnectedEvent) {
				lost("disconnected");
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
		this.sender.execute(() -> send(topic, payload));
	}

	@Override
	public <T> void subscribe(String topic, Class<T> type, Consumer<T> handler) {
		this.handlers.computeIfAbsent(topic, (t) -> new CopyOnWriteArrayList<>())
			.add((body) -> handler.accept(this.json.readValue(body, type)));
	}

	@Override
	public void unsubscribe(String topic) {
		this.handlers.remove(topic);
	}

	@Override
	public void onRecovered(Consumer<Instant> recovery) {
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
			try {
				this.lastLive = readRegistry(now);
				this.lastLiveAt = now;
			}
			catch (RuntimeException ex) {
				// The registry is out of reach: the last list, with this instance as it
				// is now.
				logger.debug("Instance registry unreadable: {}", ex.toString());
			}
		}
		List<Instance> live = new ArrayList<>(this.lastLive.stream()
			.filter((instance) -> !instance.id().equals(this.identity.id()))
			.filter((instance) -> now - instance.seenAt() <= this.properties.instanceTtl().toMillis())
			.toList());
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

	boolean connected() {
		return this.lostSince == null;
	}

	/** Whether an echo has come back since the start. */
	boolean echoed() {
		return this.lastEchoSeq > 0;
	}

	/** Makes the next echo arrive out of sequence, as after missed messages. */
	void skipEchoesForTest(int count) {
		this.echoes.addAndGet(count);
	}

	@Override
	public void start() {
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
			this.redis.delete(registryKey(this.identity.id()));
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
		try {
			listeners.afterPropertiesSet();
			listeners.start();
			this.listeners = listeners;
		}
		catch (RuntimeException ex) {
			destroy(listeners);
			lost("cannot subscribe: " + ex.getMessage());
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
			lost("no echo for " + (now - this.lastEchoAt) + " ms");
		}
		try {
			Instance self = self();
			this.redis.opsForValue()
				.set(registryKey(self.id()), this.json.writeValueAsString(self), this.properties.instanceTtl());
		}
		catch (RuntimeException ex) {
			logger.debug("Heartbeat not stored: {}", ex.toString());
		}
		send(ECHO, this.identity.id() + "\n" + this.echoes.incrementAndGet());
	}

	private void send(String topic, String payload) {
		try {
			this.redis.convertAndSend(this.prefix + "bus:" + topic, payload);
		}
		catch (RuntimeException ex) {
			this.dropped.incrementAndGet();
			lost("publish failed: " + ex.getMessage());
		}
	}

	private void received(Message message, byte @Nullable [] pattern) {
		String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
		String topic = channel.substring(this.prefix.length() + "bus:".length());
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
			recover(Instant.ofEpochMilli(Long.parseLong(body)));
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
			lost("echo " + seq + " after " + previous);
		}
		this.lastEchoSeq = seq;
		Instant since = back();
		if (since == null) {
			return;
		}
		logger.info("Bus back after a loss since {}: catching up", since);
		recover(since);
		send(RECOVERED, this.identity.id() + "\n" + since.toEpochMilli());
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

	private synchronized void lost(String why) {
		if (this.running && this.lostSince == null) {
			this.lostSince = Instant.ofEpochMilli(this.lastEchoAt);
			logger.warn("Bus lost ({}): what other instances publish may be missed until it is back", why);
		}
	}

	private void recover(Instant since) {
		this.recovering.execute(() -> {
			for (Consumer<Instant> recovery : this.recoveries) {
				try {
					recovery.accept(since);
				}
				catch (RuntimeException ex) {
					logger.warn("Recovery after a bus loss failed: {}", ex.toString());
				}
			}
		});
	}

	private List<Instance> readRegistry(long now) {
		List<String> keys = new ArrayList<>();
		try (var cursor = this.redis
			.scan(ScanOptions.scanOptions().match(this.prefix + "instance:*").count(100).build())) {
			cursor.forEachRemaining(keys::add);
		}
		if (keys.isEmpty()) {
			return List.of();
		}
		List<String> values = this.redis.opsForValue().multiGet(keys);
		return (values == null) ? List.of()
				: values.stream().filter(Objects::nonNull).map((v) -> this.json.readValue(v, Instance.class)).toList();
	}

	private ClientResources resources() {
		return this.connections.getClientConfiguration().getClientResources().orElseThrow();
	}

	private String registryKey(String id) {
		return this.prefix + "instance:" + id;
	}

}
