package dev.vigil.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs maintenance work under its timeout and knows what is running now. The work runs on
 * its own thread so the job can fail at its timeout even when the work ignores the
 * interrupt (SQLite statements do): such work keeps running, shown as overrunning, and
 * the task does not start again until it ends.
 */
@Component
class RunningTasks implements DisposableBean {

	/** Work of one task in progress. */
	record Work(Instant startedAt, Duration timeout, Future<?> future) {

		boolean overrunning(Instant now) {
			return now.isAfter(this.startedAt.plus(this.timeout));
		}

	}

	private final AtomicInteger threadCount = new AtomicInteger();

	private final Map<String, Work> running = new ConcurrentHashMap<>();

	private final ExecutorService threads = Executors.newCachedThreadPool((work) -> {
		Thread thread = new Thread(work, "maintenance-" + this.threadCount.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	});

	private final Clock clock;

	RunningTasks(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Runs {@code work} as {@code task}, waiting at most {@code timeout}.
	 * @throws TaskTimedOutException past the timeout (the work is interrupted)
	 * @throws IllegalStateException when the task's previous work is still running
	 */
	void run(String task, Duration timeout, Runnable work) {
		FutureTask<@Nullable Void> future = new FutureTask<>(work, null);
		Work mine = new Work(this.clock.instant(), timeout, future);
		Work previous = this.running.putIfAbsent(task, mine);
		if (previous != null) {
			throw new IllegalStateException(
					"the previous run of " + task + " is still going (started " + previous.startedAt() + ")");
		}
		this.threads.execute(() -> {
			try {
				future.run();
			}
			finally {
				this.running.remove(task, mine);
			}
		});
		try {
			mine.future().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			mine.future().cancel(true);
			throw new TaskTimedOutException(timeout);
		}
		catch (InterruptedException ex) {
			mine.future().cancel(true);
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while " + task + " was running", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	Optional<Work> running(String task) {
		return Optional.ofNullable(this.running.get(task));
	}

	@Override
	public void destroy() {
		this.threads.shutdownNow();
	}

}
