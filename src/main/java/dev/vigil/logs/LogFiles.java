package dev.vigil.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import dev.vigil.InvalidRequestException;
import dev.vigil.storage.DataDirectory;

/**
 * Where the log files are, and which names are ours: the live file and its rotated
 * siblings ({@code vigil.log}, {@code vigil-2026-11-22.0.log}). Nothing else in the
 * directory is served.
 */
@Component
class LogFiles {

	private final Path directory;

	private final String live;

	private final Pattern names;

	LogFiles(LogsProperties properties, DataDirectory data) {
		this.directory = ((properties.directory() != null) ? properties.directory() : data.logs()).toAbsolutePath()
			.normalize();
		this.live = properties.file();
		String stem = this.live.endsWith(".log") ? this.live.substring(0, this.live.length() - 4) : this.live;
		this.names = Pattern.compile(Pattern.quote(stem) + "(-\\d{4}-\\d{2}-\\d{2}(\\.\\d+)?)?\\.log");
	}

	Path directory() {
		return this.directory;
	}

	/** The file being written now. */
	Path live() {
		return this.directory.resolve(this.live);
	}

	String liveName() {
		return this.live;
	}

	boolean isOurs(String name) {
		return this.names.matcher(name).matches();
	}

	/**
	 * Our files in the directory, in no particular order; none while the directory does
	 * not exist.
	 */
	List<Path> list() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.filter((file) -> isOurs(file.getFileName().toString())).toList();
		}
		catch (NoSuchFileException ex) {
			return List.of();
		}
	}

	/**
	 * Our file with this identity ({@link LogCursor#identity}), looking at the live file
	 * first.
	 */
	Optional<Path> find(long identity) {
		if (identity < 0) {
			return Optional.empty();
		}
		Predicate<Path> same = (file) -> LogCursor.identity(file).filter((id) -> id == identity).isPresent();
		if (same.test(live())) {
			return Optional.of(live());
		}
		try {
			return list().stream().filter(same).findFirst();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The path of one of our files by name: 400 for a name with path tricks or not of our
	 * pattern. (Whether it exists is for the caller: 404.)
	 */
	Path resolve(String name) {
		if (name == null || name.isBlank() || name.contains("/") || name.contains("\\") || name.contains("..")
				|| name.indexOf('\0') >= 0 || !isOurs(name)) {
			throw new InvalidRequestException("invalid file name");
		}
		return this.directory.resolve(name);
	}

}
