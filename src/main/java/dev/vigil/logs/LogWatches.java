package dev.vigil.logs;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import dev.vigil.NotFoundException;
import dev.vigil.auth.CurrentAdmin;

/**
 * Other modules' view of the live logs: every entry of a source as its shared tailer
 * reads it (no second read of the file). The tailer runs while anyone watches.
 */
@Component
public class LogWatches {

	/** One entry as a watcher sees it. */
	public record WatchedLine(String source, String level, long time, String text, String cursor) {
	}

	/** Ends a watch. */
	public interface Registration extends AutoCloseable {

		@Override
		void close();

	}

	private final LogSources sources;

	private final LogTailers tailers;

	LogWatches(LogSources sources, LogTailers tailers) {
		this.sources = sources;
		this.tailers = tailers;
	}

	public List<String> sources() {
		return this.sources.all().stream().map(LogSource::name).toList();
	}

	/**
	 * Whether this admin may read {@code source}: an alert on a source is a way to read
	 * it, one pattern at a time.
	 * @throws NotFoundException for a source that is not configured
	 */
	public boolean mayRead(String source, CurrentAdmin admin) {
		return LogSources.mayRead(admin,
				this.sources.find(source).orElseThrow(() -> new NotFoundException("unknown log source")));
	}

	/**
	 * Calls {@code watcher} with every entry of {@code source} from now on, on the
	 * tailer's thread: it must return at once (count, queue; never block).
	 * @throws NotFoundException for a source that is not configured
	 */
	public Registration watch(String source, Consumer<WatchedLine> watcher) {
		LogSource found = this.sources.find(source).orElseThrow(() -> new NotFoundException("unknown log source"));
		LogTailer tailer = this.tailers.acquire(found);
		Consumer<LogTailer.Read> listener = (read) -> watcher.accept(
				new WatchedLine(source, read.entry().level(), read.entry().time(), read.entry().text(), read.cursor()));
		tailer.watch(listener);
		return () -> {
			tailer.unwatch(listener);
			this.tailers.release(tailer);
		};
	}

}
