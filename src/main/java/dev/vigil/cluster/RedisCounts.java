package dev.vigil.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
 * share is right again within a heartbeat. Changes to the share run on the counts' own
 * thread, so a removal never waits for Redis. While Redis fails, the counts are this
 * instance's share alone and Redis is tried again once per heartbeat ({@link Outage}).
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

	private static final RedisScript<Long> REMOVE = RedisScript.of("""
			if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
			return 1
			""", Long.class);

	private static final RedisScript<Long> TOTAL = RedisScript.of(SUM + "return total", Long.class);

	private static final RedisScript<Long> TRY_ADD = RedisScript.of(SUM + """
			if total >= tonumber(ARGV[2]) then return 0 end
			redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
			redis.call('PEXPIRE', KEYS[2], ARGV[3])
			redis.call('SADD', KEYS[1], ARGV[4])
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

	/** This instance's share: what its hash is written from, and the fallback. */
	private final LocalCounts own = new LocalCounts();

	private final Outage outage;

	/**
	 * Every change to this instance's share, in memory and in Redis, runs here, one at a
	 * time: a rewrite from memory can then never drop a change made while it ran, and no
	 * lock is held while Redis is waited for.
	 */
	private final ScheduledExecutorService shares;

	private volatile boolean running;

	RedisCounts(ClusterProperties properties, String instanceId, LettuceConnectionFactory connections) {
		this.redis = new StringRedisTemplate(connections);
		this.instanceId = instanceId;
		this.list = properties.name() + ":counts";
		this.share = this.list + ":" + instanceId;
		this.ttlMillis = Long.toString(properties.instanceTtl().toMillis());
		this.heartbeatMillis = properties.heartbeat().toMillis();
		this.outage = new Outage(logger, "Shared counts", "counting this instance's share only", this.heartbeatMillis);
		this.shares = Executors.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("vigil-counts-"));
	}

	/**
	 * Waits for the answer, which Redis gives while it answers (at most the command
	 * timeout, once per outage: then Redis is skipped and the cap holds per instance).
	 */
	@Override
	public boolean tryAdd(String key, int max) {
		Future<Boolean> added;
		try {
			added = this.shares.submit(() -> addToShare(key, max));
		}
		catch (RejectedExecutionException ex) {
			// Stopping.
			return this.own.tryAdd(key, max);
		}
		try {
			return added.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			added.cancel(false);
			return false;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	private boolean addToShare(String key, int max) {
		if (this.outage.failing()) {
			return this.own.tryAdd(key, max);
		}
		boolean added;
		try {
			added = run(TRY_ADD, List.of(this.list, this.share), key, Integer.toString(max), this.ttlMillis,
					this.instanceId) == 1;
			this.outage.succeeded();
		}
		catch (RuntimeException ex) {
			this.outage.failed(ex);
			return this.own.tryAdd(key, max);
		}
		if (added) {
			this.own.add(key);
		}
		return added;
	}

	/**
	 * Never waits for Redis: a stream closes on whatever thread ended it (a hub publish,
	 * the bus's receiving thread), which must not block.
	 */
	@Override
	public void remove(String key) {
		try {
			this.shares.execute(() -> {
				this.own.remove(key);
				if (this.outage.failing()) {
					// The next renewal writes the share from memory.
					return;
				}
				try {
					run(REMOVE, List.of(this.share), key);
					this.outage.succeeded();
				}
				catch (RuntimeException ex) {
					this.outage.failed(ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// Stopping: the share is deleted.
		}
	}

	@Override
	public int total(String key) {
		if (this.outage.failing()) {
			return this.own.total(key);
		}
		try {
			int total = (int) run(TOTAL, List.of(this.list), key);
			this.outage.succeeded();
			return total;
		}
		catch (RuntimeException ex) {
			this.outage.failed(ex);
			return this.own.total(key);
		}
	}

	/**
	 * Writes this instance's share from memory and renews its expiry, on every heartbeat
	 * and whether Redis fails or not: this is how a failing Redis is tried again.
	 */
	void renew() {
		List<String> args = new ArrayList<>(List.of(this.ttlMillis, this.instanceId));
		this.own.snapshot().forEach((key, count) -> {
			args.add(key);
			args.add(count.toString());
		});
		try {
			run(RENEW, List.of(this.list, this.share), args.toArray(String[]::new));
			this.outage.succeeded();
		}
		catch (RuntimeException ex) {
			this.outage.failed(ex);
		}
	}

	private long run(RedisScript<Long> script, List<String> keys, String... args) {
		Long result = this.redis.execute(script, keys, (Object[]) args);
		return (result != null) ? result : 0;
	}

	@Override
	public void start() {
		this.shares.scheduleWithFixedDelay(this::renew, this.heartbeatMillis, this.heartbeatMillis,
				TimeUnit.MILLISECONDS);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.shares.shutdownNow();
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
