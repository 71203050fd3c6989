package dev.vigil.logs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.util.unit.DataSize;

/**
 * Access to the package-private {@link LogHistory} for {@code LogHistoryBenchmark}
 * (compiled with the tests under {@code -Pbenchmarks}): pages backwards through one file
 * exactly as the REST endpoint does, with the default limits.
 */
public final class LogHistoryPager {

	/** The defaults of {@code vigil.logs.*}. */
	private final LogHistory history = new LogHistory(new LogsProperties(null, "vigil.log", DataSize.ofKilobytes(64),
			Duration.ofMillis(250), 100, 1000, DataSize.ofMegabytes(64), Duration.ofMillis(500),
			LogsProperties.AccessLog.SEPARATE, null));

	private final Path file;

	private final LogFilter filter;

	private Long next;

	private boolean done;

	public LogHistoryPager(Path file, String level, String search) {
		this.file = file;
		this.filter = LogFilter.of(level, search);
	}

	/** Reads the next page and returns how many entries it held. */
	public int nextPage(int limit) throws IOException {
		LogHistory.Page page = this.history.page(this.file, this.next, this.filter, limit);
		this.next = page.next();
		this.done = (this.next == null);
		return page.entries().size();
	}

	public boolean done() {
		return this.done;
	}

	/** Where the next page ends (bytes from the start of the file), or 0 when done. */
	public long position() {
		return (this.next != null) ? this.next : 0;
	}

}
