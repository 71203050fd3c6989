package dev.vigil.stream;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

/**
 * Where stream deliveries run. A delivery may block on a stalled client's socket, so no
 * fixed pool is safe: a blocked thread must never hold back healthy clients. A cached
 * pool grows a thread per concurrently blocked delivery and reuses idle ones (deliveries
 * to healthy clients take microseconds, so few threads exist at once). Virtual threads
 * only when {@code spring.threads.virtual.enabled} is set, which Vigil does not support
 * (docs/decisions.md, "Threads": class loading on virtual threads can deadlock the
 * server).
 */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

	@Bean(destroyMethod = "")
	TaskExecutor streamDeliveryExecutor(Environment environment) {
		if (Threading.VIRTUAL.isActive(environment)) {
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("stream-");
			executor.setVirtualThreads(true);
			return executor;
		}
		AtomicInteger count = new AtomicInteger();
		ExecutorService pool = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, "stream-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		return pool::execute;
	}

}
