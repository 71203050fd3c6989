package dev.vigil.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.vigil.support.VigilProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signing key Vigil generates on its first start is owner-only from the moment the
 * file exists: the system call that creates it already carries mode 0600, so there is no
 * moment, however short, in which another user could open it. Vigil runs under
 * {@code strace}, which records that call.
 */
class SigningKeyFileIntegrationTests {

	@Test
	void theGeneratedKeyIsCreatedOwnerOnly() throws Exception {
		Assumptions.assumeTrue(straceWorks(), "strace is not available or may not trace here");
		Path dir = Files
			.createDirectories(Path.of("target", "vigil-process", "signing-key-" + UUID.randomUUID()).toAbsolutePath());
		Path data = dir.resolve("data");
		// -ff: one file per thread, so that no call is split across lines by another
		// thread's.
		Path traces = Files.createDirectories(dir.resolve("strace"));
		List<String> strace = List.of("strace", "-ff", "-qq", "--seccomp-bpf", "-e", "trace=open,openat,creat", "-o",
				traces.resolve("trace").toString(), "--");
		try (VigilProcess vigil = VigilProcess.launch(strace, data, VigilProcess.freePort(), dir.resolve("out.txt"),
				List.of())) {
			vigil.awaitHealthy(Duration.ofSeconds(120));
		}
		Path key = data.resolve("signing.key");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
		List<String> creations = new ArrayList<>();
		try (Stream<Path> files = Files.list(traces)) {
			for (Path file : files.toList()) {
				Files.readAllLines(file)
					.stream()
					.filter((line) -> line.contains("\"" + key + "\"") && line.contains("O_CREAT"))
					.forEach(creations::add);
			}
		}
		System.out.printf("[signing-key] %s%n", creations);
		assertThat(creations).as("system calls creating %s", key).hasSize(1);
		assertThat(creations.get(0)).as("the call that created the key").matches(".*O_EXCL.*, 0600\\) = \\d+");
	}

	private static boolean straceWorks() throws IOException, InterruptedException {
		try {
			Process probe = new ProcessBuilder("strace", "-qq", "-e", "trace=none", "true").redirectErrorStream(true)
				.start();
			probe.getInputStream().readAllBytes();
			return probe.waitFor() == 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
