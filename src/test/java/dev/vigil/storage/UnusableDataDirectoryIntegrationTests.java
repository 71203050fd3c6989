package dev.vigil.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.vigil.support.VigilProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vigil started as a real process on a data directory it cannot use: it must exit
 * promptly with a non-zero code and one clear line naming the directory and the cause,
 * not a stack trace (nor a stream of them from logback, whose file lives in the same
 * directory).
 */
class UnusableDataDirectoryIntegrationTests {

	private static final String PREFIX = "Vigil cannot start: ";

	private final List<VigilProcess> processes = new ArrayList<>();

	private Path dir;

	@BeforeEach
	void createDirectory() throws IOException {
		this.dir = Files
			.createDirectories(Path.of("target", "vigil-process", "bad-env-" + UUID.randomUUID()).toAbsolutePath());
	}

	@AfterEach
	void destroyProcesses() throws IOException {
		this.processes.forEach(VigilProcess::close);
		// A read-only directory left behind would break `mvn clean`.
		try (var paths = Files.walk(this.dir)) {
			for (Path path : paths.filter(Files::isDirectory).toList()) {
				path.toFile().setWritable(true);
			}
		}
	}

	@Test
	void aDataDirectoryUnderARegularFile() throws IOException {
		Path file = Files.writeString(this.dir.resolve("not-a-directory"), "x");
		Path data = file.resolve("data");
		String line = failsToStart("under-a-file", data, List.of(), null);
		assertThat(line).contains(data.toString()).containsIgnoringCase("not a directory");
	}

	@Test
	void aDataDirectoryThatIsARegularFile() throws IOException {
		Path data = Files.writeString(this.dir.resolve("data"), "x");
		String line = failsToStart("is-a-file", data, List.of(), null);
		assertThat(line).contains(data.toString()).contains("exists and is not a directory");
	}

	/**
	 * chmod does not stop root (CI may run as root), so this case runs only where it can
	 * mean something.
	 */
	@Test
	void aReadOnlyDataDirectory() throws IOException {
		Path data = Files.createDirectories(this.dir.resolve("data"));
		Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r-xr-xr-x"));
		boolean privileged;
		try {
			Files.delete(Files.createFile(data.resolve("can-i-write")));
			privileged = true;
		}
		catch (IOException ex) {
			privileged = false;
		}
		Assumptions.assumeFalse(privileged, "file permissions do not bind this user (root)");
		String line = failsToStart("read-only", data, List.of(), null);
		assertThat(line).contains(data.toString()).containsIgnoringCase("permission denied");
	}

	/**
	 * A disk with less free space than the configured minimum (set absurdly high here).
	 */
	@Test
	void tooLittleFreeSpace() {
		Path data = this.dir.resolve("data");
		String line = failsToStart("min-free-space", data, List.of("--vigil.storage.min-free-space=1000TB"), null);
		assertThat(line).contains(data.toString()).contains("free disk space").contains("vigil.storage.min-free-space");
	}

	/**
	 * Writes that really fail, as on a full disk: the process may write no file larger
	 * than 64 KB ({@code ulimit -f}; the JVM ignores SIGXFSZ, so the write fails with
	 * EFBIG instead).
	 */
	@Test
	void writesThatFail() {
		Path data = this.dir.resolve("data");
		String line = failsToStart("ulimit", data, List.of(), 64);
		assertThat(line).contains(data.toString()).contains("is not writable").contains("File too large");
	}

	/** Starts Vigil, expects it to fail as described above; the one line it printed. */
	private String failsToStart(String name, Path data, List<String> args, Integer fileSizeLimitKb) {
		VigilProcess vigil = VigilProcess.start(data, VigilProcess.freePort(), this.dir.resolve(name + ".out"), args,
				fileSizeLimitKb);
		this.processes.add(vigil);
		int exit = vigil.awaitExit(Duration.ofSeconds(60));
		Duration took = vigil.elapsed();
		String output = vigil.output();
		List<String> lines = output.lines().filter((l) -> !l.isBlank()).toList();
		assertThat(exit).as("exit code\n%s", output).isNotZero();
		assertThat(output).as("console output").doesNotContain("\tat ").doesNotContain("Exception");
		assertThat(lines).as("console output").hasSize(1);
		assertThat(lines.get(0)).startsWith(PREFIX);
		assertThat(Files.exists(data.resolve("logs").resolve("vigil.log"))).as("a log file (logging never started)")
			.isFalse();
		System.out.printf("[bad-env] %s: exit %d after %d ms: %s%n", name, exit, took.toMillis(), lines.get(0));
		return lines.get(0);
	}

}
