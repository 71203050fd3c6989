package dev.vigil.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Threads of a test's own for requests sent at once (the common pool has one thread on a
 * two-core machine, which would send them one at a time), stopped after each test.
 * Register as a field: {@code @RegisterExtension final TestThreads threads = new
 * TestThreads();}.
 */
public final class TestThreads implements Executor, AfterEachCallback {

	private final ExecutorService pool = Executors.newCachedThreadPool();

	@Override
	public void execute(Runnable task) {
		this.pool.execute(task);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.pool.shutdownNow();
	}

	/** Sleeps, for tests that must let time pass; an interrupt ends the test. */
	public static void pause(long millis) {
		blocking(() -> {
			Thread.sleep(millis);
			return null;
		});
	}

	/** The result of a blocking call; an interrupt ends the test. */
	public static <T> T blocking(Blocking<T> call) {
		try {
			return call.call();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Runs each task on a thread of its own, all at once; returns when all are done, and
	 * throws the first failure.
	 */
	public static void runAll(List<? extends Callable<?>> tasks) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
		try {
			List<Future<?>> running = new ArrayList<>();
			for (Callable<?> task : tasks) {
				running.add(pool.submit(task));
			}
			for (Future<?> task : running) {
				task.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/** Runs {@code task} on {@code threads} threads at once, as {@link #runAll}. */
	public static void runOn(int threads, Callable<?> task) throws Exception {
		runAll(Collections.nCopies(threads, task));
	}

	@FunctionalInterface
	public interface Blocking<T> {

		T call() throws InterruptedException;

	}

}
