package dev.vigil.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.vigil.logs.LogHistoryPager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Memory and speed of reading history backwards: generates a 200 MB JSON log, then pages
 * through all of it, newest first, 1,000 lines a page, as the REST endpoint would (no
 * HTTP). Heap is measured after {@code System.gc()} before, half-way and after, so a
 * reader that holds on to what it read shows up as growth. Not part of the test suite
 * (the name does not end in Tests); run:
 *
 * <pre>./mvnw -q -Pbenchmarks -Dskip.ui=true test -Dtest=LogHistoryBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Size: {@code -Dbench.log-mb=200}. Add {@code -DargLine=-Xmx32m} to show it fits a small
 * heap. The result is printed and written to {@code target/benchmarks/log-history.txt};
 * the generated file is deleted at the end.
 */
class LogHistoryBenchmark {

	private static final long MEGABYTE = 1024 * 1024;

	private static final long SIZE = Long.getLong("bench.log-mb", 200) * MEGABYTE;

	private static final int LIMIT = 1000;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	@Test
	void pageBackwardsThroughTheWholeFile() throws Exception {
		Path file = Path.of("target/benchmarks/log-history-input.log").toAbsolutePath();
		Files.createDirectories(file.getParent());
		try {
			long generateStart = System.nanoTime();
			long lines = generate(file, SIZE);
			double generateSeconds = (System.nanoTime() - generateStart) / 1e9;
			long size = Files.size(file);

			// Warm up the parser and reader on the newest 20 pages, off the record.
			LogHistoryPager warmup = new LogHistoryPager(file, null, null);
			for (int i = 0; i < 20; i++) {
				warmup.nextPage(LIMIT);
			}

			long heapStart = heapAfterGc();
			resetPeaks();
			long allocatedStart = allocated();
			LogHistoryPager pager = new LogHistoryPager(file, null, null);
			long[] pageNanos = new long[(int) (lines / LIMIT) + 2];
			int pages = 0;
			long entries = 0;
			long heapMiddle = -1;
			long measuring = 0;
			long start = System.nanoTime();
			while (!pager.done()) {
				long pageStart = System.nanoTime();
				entries += pager.nextPage(LIMIT);
				pageNanos[pages++] = System.nanoTime() - pageStart;
				if (heapMiddle < 0 && pager.position() <= size / 2) {
					long gcStart = System.nanoTime();
					heapMiddle = heapAfterGc();
					measuring += System.nanoTime() - gcStart;
				}
			}
			double seconds = (System.nanoTime() - start - measuring) / 1e9;
			long allocatedBytes = allocated() - allocatedStart;
			long peak = peakHeap();
			long heapEnd = heapAfterGc();
			assertThat(entries).as("every line once").isEqualTo(lines);

			// A search matching nothing: each request stops at the scan budget and
			// returns a cursor.
			LogHistoryPager rare = new LogHistoryPager(file, null, "no-such-text-anywhere");
			long[] rareNanos = new long[(int) (size / (8 * MEGABYTE)) + 2];
			int rareRequests = 0;
			long rareStart = System.nanoTime();
			while (!rare.done()) {
				long requestStart = System.nanoTime();
				assertThat(rare.nextPage(LIMIT)).isZero();
				rareNanos[rareRequests++] = System.nanoTime() - requestStart;
			}
			double rareSeconds = (System.nanoTime() - rareStart) / 1e9;

			long[] sortedPages = Arrays.copyOf(pageNanos, pages);
			Arrays.sort(sortedPages);
			long[] sortedRare = Arrays.copyOf(rareNanos, rareRequests);
			Arrays.sort(sortedRare);
			String report = String.format(
					"""
							log history: backwards through a %.1f MB JSON log (%,d lines), %d lines a page, Java %s, max heap %d MB
							generated in %.1f s
							full pass: %,d pages, %,d lines in %.2f s = %.0f MB/s, %,.0f lines/s
							  per page: p50 %.1f ms  p99 %.1f ms  max %.1f ms
							  heap used after GC: start %.1f MB, middle %.1f MB, end %.1f MB
							  peak heap used (sum of pool peaks, garbage included): %.1f MB
							  allocated by the reading thread: %,.0f MB (%.2f bytes per byte read)
							search matching nothing (16 MB scan budget per request): %d requests in %.2f s
							  per request: p50 %.1f ms  max %.1f ms
							""",
					size / (double) MEGABYTE, lines, LIMIT, Runtime.version(),
					Runtime.getRuntime().maxMemory() / MEGABYTE, generateSeconds, pages, entries, seconds,
					size / (double) MEGABYTE / seconds, entries / seconds, Percentiles.millis(sortedPages, 50),
					Percentiles.millis(sortedPages, 99), Percentiles.millis(sortedPages, 100), mb(heapStart),
					mb(heapMiddle), mb(heapEnd), mb(peak), mb(allocatedBytes), allocatedBytes / (double) size,
					rareRequests, rareSeconds, Percentiles.millis(sortedRare, 50), Percentiles.millis(sortedRare, 100));
			System.out.println(report);
			Path out = Path.of("target/benchmarks/log-history.txt");
			Files.writeString(out, report);
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	/**
	 * Lines in the shape {@code LogLineFormatter} writes: access lines, some warnings,
	 * errors with stacks.
	 */
	private static long generate(Path file, long size) throws IOException {
		Random random = new Random(7);
		long lines = 0;
		long written = 0;
		long time = Instant.parse("2026-11-22T00:00:00Z").toEpochMilli();
		String[] paths = { "/api/admin/notifications?limit=50", "/api/admin/logs?level=error", "/api/admin/dashboard",
				"/api/admin/auth", "/api/admin/admins", "/api/health" };
		String stack = "java.lang.IllegalStateException: pool exhausted\\n"
				+ "\\tat dev.vigil.storage.Pool.acquire(Pool.java:42)\\n".repeat(20);
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			StringBuilder line = new StringBuilder(2048);
			while (written < size) {
				time += random.nextInt(20);
				line.setLength(0);
				line.append("{\"time\":\"").append(TIME.format(Instant.ofEpochMilli(time))).append('"');
				int kind = random.nextInt(100);
				if (kind < 2) {
					line.append(",\"level\":\"error\",\"msg\":\"query failed\",\"logger\":\"dev.vigil.storage.Pool\"")
						.append(",\"thread\":\"jobs-")
						.append(random.nextInt(4))
						.append("\",\"error\":\"")
						.append("java.lang.IllegalStateException: pool exhausted\",\"stack\":\"")
						.append(stack)
						.append('"');
				}
				else if (kind < 10) {
					line.append(
							",\"level\":\"warn\",\"msg\":\"admin login failed\",\"logger\":\"dev.vigil.auth.AuthController\"")
						.append(",\"thread\":\"http-nio-8080-exec-")
						.append(random.nextInt(200))
						.append("\",\"request_id\":\"")
						.append(new UUID(random.nextLong(), random.nextLong()))
						.append("\",\"email\":\"user")
						.append(random.nextInt(1000))
						.append("@example.com\"");
				}
				else {
					line.append(",\"level\":\"info\",\"msg\":\"http request\",\"logger\":\"dev.vigil.web.AccessLog\"")
						.append(",\"thread\":\"http-nio-8080-exec-")
						.append(random.nextInt(200))
						.append("\",\"request_id\":\"")
						.append(new UUID(random.nextLong(), random.nextLong()))
						.append("\",\"method\":\"GET\",\"path\":\"")
						.append(paths[random.nextInt(paths.length)])
						.append("\",\"status\":200,\"duration_ms\":")
						.append(random.nextInt(50))
						.append(",\"bytes\":")
						.append(random.nextInt(20_000))
						.append(",\"remote\":\"127.0.0.1\"");
				}
				line.append("}\n");
				out.append(line);
				written += line.length();
				lines++;
			}
		}
		return lines;
	}

	private static long heapAfterGc() {
		System.gc();
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static void resetPeaks() {
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				pool.resetPeakUsage();
			}
		}
	}

	private static long peakHeap() {
		long peak = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				peak += pool.getPeakUsage().getUsed();
			}
		}
		return peak;
	}

	private static long allocated() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
	}

	private static double mb(long bytes) {
		return bytes / (double) MEGABYTE;
	}

}
