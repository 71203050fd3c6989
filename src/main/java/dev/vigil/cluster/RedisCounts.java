package dev.vigil.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Cluster-wide counts in Redis. Each instance keeps its share in a hash of its own
 * ({@code <cluster>:counts:<instance>}) that expires after the instance TTL unless the
 * instance renews it, and lists itself in {@code <cluster>:counts}. A Lua script sums
 * every live share and adds to this instance's in one step, so two instances cannot both
 * take the last slot; shares whose hash expired (a killed instance) are dropped from the
 * list as the script meets them.
 * <p>
 * This instance's share is also kept in memory, the truth its hash is rewritten from on
 * every heartbeat: after Redis restarted, or after a removal that could not be sent, the
 * share is right again within a heartbeat.
 * <p>
 * The scripts touch keys they are not given (the other instances' shares): fine on a
 * standalone Redis, the only kind the bus supports.
 */
final class RedisCounts implements SharedCounts, SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(RedisCounts.class);

	/** Sums the live shares of {@code ARGV[1]}; drops the expired ones from the list. */
	private static final String SUM = """
			local total = 0
			for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
			  local share = KEYS[1] .. ':' .. id
			  if redis.call('EXISTS', share) == 0 then
			    redis.call('SREM', KEYS[1], id)
			  else
			    total = total + tonumber(redis.call('HGET', share, ARGV[1]) or '0')
			  end
			end
			""";

	private static final RedisScript<Long> TOTAL = RedisScript.of(SUM + "return total", Long.class);

	private static final RedisScript<Long> TRY_ADD = RedisScript.of(SUM + """
			if total >= tonumber(ARGV[2]) then return 0 end
			redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
			redis.call('PEXPIRE', KEYS[2], ARGV[3])
			redis.call('SADD', KEYS[1], ARGV[4])
			return 1
			""", Long.class);

	private static final RedisScript<Long> REMOVE = RedisScript.of("""
			if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
			return 1
			""", Long.class);

	/** Replaces this instance's share with {@code ARGV[3..]} (field, count pairs). */
	private static final RedisScript<Long> RENEW = RedisScript.of("""
			redis.call('DEL', KEYS[2])
			if #ARGV < 3 then return 0 end
			for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1]) end
			redis.call('PEXPIRE', KEYS[2], ARGV[1])
			redis.call('SADD', KEYS[1], ARGV[2])
			return 1
			""", Long.class);

	private final StringRedisTemplate redis;

	private final String instanceId;

	private final String list;

	private final String share;

	private final String ttlMillis;

	private final long heartbeatMillis;

	private final Map<String, Integer> own = new ConcurrentHashMap<>();

	/**
	 * Changes to this instance's share (read side, concurrent) against its rewrite (write
	 * side), so a rewrite never drops a change made while it ran.
	 */
	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	private final ScheduledExecutorService renewing;

	private volatile boolean failing;

	private volatile boolean running;

	RedisCounts(ClusterProperties properties, String instanceId, LettuceConnectionFactory connections) {
		this.redis = new StringRedisTemplate(connections);
		this.instanceId = instanceId;
		this.list = properties.name() + ":counts";
		this.share = this.list + ":" + instanceId;
		this.ttlMillis = Long.toString(properties.instanceTtl().toMillis());
		this.heartbeatMillis = properties.heartbeat().toMillis();
		this.renewing = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("vigil-counts-"));
	}

	@Override
	public boolean tryAdd(String key, int max) {
		this.lock.readLock().lock();
		try {
			boolean added;
			try {
				added = run(TRY_ADD, List.of(this.list, this.share), key, Integer.toString(max), this.ttlMillis,
						this.instanceId) == 1;
				succeeded();
			}
			catch (RuntimeException ex) {
				failed(ex);
				// Open to this instance's share: the cap holds per instance until Redis
				// is back.
				return addOwn(key, max);
			}
			if (added) {
				this.own.merge(key, 1, Integer::sum);
			}
			return added;
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	@Override
	public void remove(String key) {
		this.lock.readLock().lock();
		try {
			this.own.computeIfPresent(key, (k, count) -> (count > 1) ? count - 1 : null);
			try {
				run(REMOVE, List.of(this.share), key);
				succeeded();
			}
			catch (RuntimeException ex) {
				// The next renewal writes the share from memory.
				failed(ex);
			}
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	@Override
	public int total(String key) {
		try {
			int total = (int) run(TOTAL, List.of(this.list), key);
			succeeded();
			return total;
		}
		catch (RuntimeException ex) {
			failed(ex);
			return this.own.getOrDefault(key, 0);
		}
	}

	/** This instance's share, as it keeps it. */
	Map<String, Integer> own() {
		return Map.copyOf(this.own);
	}

	/** Writes this instance's share from memory and renews its expiry. */
	void renew() {
		this.lock.writeLock().lock();
		try {
			List<String> args = new ArrayList<>(List.of(this.ttlMillis, this.instanceId));
			this.own.forEach((key, count) -> {
				args.add(key);
				args.add(count.toString());
			});
			run(RENEW, List.of(this.list, this.share), args.toArray(String[]::new));
			succeeded();
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	private boolean addOwn(String key, int max) {
		boolean[] added = new boolean[1];
		this.own.compute(key, (k, count) -> {
			int current = (count != null) ? count : 0;
			if (current >= max) {
				return count;
			}
			added[0] = true;
			return current + 1;
		});
		return added[0];
	}

	private long run(RedisScript<Long> script, List<String> keys, String... args) {
		Long result = this.redis.execute(script, keys, (Object[]) args);
		return (result != null) ? result : 0;
	}

	private void succeeded() {
		if (this.failing) {
			this.failing = false;
			logger.info("Shared counts reachable again");
		}
	}

	private void failed(RuntimeException ex) {
		if (!this.failing) {
			this.failing = true;
			logger.warn("Shared counts unreachable, counting this instance's share only: {}", ex.toString());
		}
	}

	@Override
	public void start() {
		this.renewing.scheduleWithFixedDelay(this::renew, this.heartbeatMillis, this.heartbeatMillis,
				TimeUnit.MILLISECONDS);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.renewing.shutdownNow();
		try {
			this.redis.delete(this.share);
		}
		catch (RuntimeException ex) {
			// It expires on its own.
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** After the bus starts and before it stops: it closes the Redis connections. */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 200;
	}

}
