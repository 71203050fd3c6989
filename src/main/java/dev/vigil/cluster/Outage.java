package dev.vigil.cluster;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;

/**
 * Whether Redis is failing for one user of it, as a small circuit breaker: after a
 * failure, callers skip Redis (and use their fallback) rather than each waiting out the
 * command timeout of a Redis that does not answer, and Redis is tried again once per
 * heartbeat. Logs a warning once per outage and an info line when it ends.
 */
final class Outage {

	private final Logger logger;

	private final String what;

	private final String fallback;

	private final long retryMillis;

	/** When Redis may be tried again; 0 while it is not failing. */
	private final AtomicLong retryAt = new AtomicLong();

	/**
	 * @param what the shared state, as a log line names it
	 * @param fallback what is used instead while Redis fails, for the log line
	 */
	Outage(Logger logger, String what, String fallback, long retryMillis) {
		this.logger = logger;
		this.what = what;
		this.fallback = fallback;
		this.retryMillis = retryMillis;
	}

	/** Whether Redis failed and has not answered since. */
	boolean failing() {
		return this.retryAt.get() != 0;
	}

	/**
	 * Whether to try Redis now: always while it does not fail, otherwise for the first
	 * caller once per retry interval (the others take the fallback at once).
	 */
	boolean tryRedis() {
		long at = this.retryAt.get();
		if (at == 0) {
			return true;
		}
		long now = System.currentTimeMillis();
		return now >= at && this.retryAt.compareAndSet(at, now + this.retryMillis);
	}

	void succeeded() {
		if (this.retryAt.getAndSet(0) != 0) {
			this.logger.info("{} reachable again", this.what);
		}
	}

	void failed(RuntimeException ex) {
		long next = System.currentTimeMillis() + this.retryMillis;
		if (this.retryAt.getAndSet(next) == 0) {
			this.logger.warn("{} unreachable, {} until it is back: {}", this.what, this.fallback, ex.toString());
		}
	}

}
