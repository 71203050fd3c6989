package dev.vigil.logs;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import dev.vigil.InvalidRequestException;

/**
 * Where one source's files are, and which names are its own: the live file and its
 * rotated siblings in the same directory ({@code vigil.log},
 * {@code vigil-2026-11-22.0.log}; {@code access.log}, {@code access.log.1}). Nothing else
 * in the directory is served, and compressed rotated files are not either (they cannot be
 * read as lines).
 */
final class LogFiles {

	private static final Pattern COMPRESSED = Pattern.compile(".*\\.(gz|bz2|xz|zst|zip|lz4|z)$");

	private final Path directory;

	private final String live;

	private final Predicate<String> rotated;

	/** Names another source in the same directory claims: never served as ours. */
	private final Predicate<String> claimedElsewhere;

	private LogFiles(Path live, Predicate<String> rotated) {
		this(live, rotated, (name) -> false);
	}

	private LogFiles(Path live, Predicate<String> rotated, Predicate<String> claimedElsewhere) {
		Path absolute = live.toAbsolutePath().normalize();
		this.directory = absolute.getParent();
		this.live = absolute.getFileName().toString();
		this.rotated = rotated;
		this.claimedElsewhere = claimedElsewhere;
	}

	/**
	 * These files without another source's: a pattern as loose as {@code app-*.log} must
	 * not serve {@code app-audit.log} or {@code app-audit-2026-11-22.log}, whose source
	 * may need a scope this one does not. A name both claim goes to the source whose live
	 * file's stem it starts with, the longer stem first.
	 */
	LogFiles excluding(List<LogFiles> others) {
		List<LogFiles> neighbours = others.stream()
			.filter((other) -> other != this && other.directory.equals(this.directory))
			.toList();
		if (neighbours.isEmpty()) {
			return this;
		}
		String stem = stem(this.live);
		return new LogFiles(live(), this.rotated, (name) -> neighbours.stream().anyMatch((other) -> {
			String otherStem = stem(other.live);
			return name.equals(other.live)
					|| (other.rotated.test(name) && name.startsWith(otherStem) && otherStem.length() > stem.length());
		}));
	}

	private static String stem(String name) {
		int dot = name.lastIndexOf('.');
		return (dot > 0) ? name.substring(0, dot) : name;
	}

	/**
	 * Vigil's own files, as Logback's rolling policy names them:
	 * {@code <stem>-<date>.<n>.log}.
	 */
	static LogFiles own(Path directory, String file) {
		String stem = file.endsWith(".log") ? file.substring(0, file.length() - 4) : file;
		Pattern names = Pattern.compile(Pattern.quote(stem) + "-\\d{4}-\\d{2}-\\d{2}(\\.\\d+)?\\.log");
		return new LogFiles(directory.resolve(file), (name) -> names.matcher(name).matches());
	}

	/**
	 * A configured source's files: {@code rotated} is a glob of file names (no
	 * directories); {@code null} or empty for {@code <stem>-*.log} and
	 * {@code <name>.[0-9]*}.
	 * @throws IllegalArgumentException for a glob that names directories or is invalid
	 */
	static LogFiles of(Path live, @Nullable String rotated) {
		String name = live.getFileName().toString();
		String glob;
		if (rotated == null || rotated.isBlank()) {
			int dot = name.lastIndexOf('.');
			String stem = (dot > 0) ? name.substring(0, dot) : name;
			glob = "{" + escape(stem) + "-*" + ((dot > 0) ? escape(name.substring(dot)) : "") + "," + escape(name)
					+ ".[0-9]*}";
		}
		else {
			glob = rotated.trim();
			if (glob.contains("/") || glob.contains("\\") || glob.contains("..")) {
				throw new IllegalArgumentException("rotated must be a pattern of file names in the directory of path");
			}
		}
		PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
		return new LogFiles(live, (file) -> matcher.matches(Path.of(file)));
	}

	private static String escape(String literal) {
		return literal.replaceAll("([\\\\*?\\[\\]{},])", "\\\\$1");
	}

	/** Whether the live file can be tailed now, as the viewer shows it. */
	record Status(String status, @Nullable String message) {

		static final Status LIVE = new Status("live", null);

		static final Status WAITING = new Status("waiting", null);

	}

	Status status() {
		Path file = live();
		if (Files.isDirectory(file)) {
			return new Status("unreadable", this.live + " is a directory, not a log file");
		}
		if (!Files.exists(file)) {
			return Status.WAITING;
		}
		if (!Files.isReadable(file)) {
			return unreadable();
		}
		return Status.LIVE;
	}

	/** The message for a file Vigil's user may not read. */
	Status unreadable() {
		return new Status("unreadable", "Vigil may not read " + this.live
				+ ": permission denied (give the user Vigil runs as read access, e.g. the adm group)");
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
		if (name.equals(this.live)) {
			return true;
		}
		return !name.isEmpty() && !name.startsWith(".") && !COMPRESSED.matcher(name.toLowerCase(Locale.ROOT)).matches()
				&& this.rotated.test(name) && !this.claimedElsewhere.test(name);
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
