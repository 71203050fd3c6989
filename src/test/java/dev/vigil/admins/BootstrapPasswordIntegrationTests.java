package dev.vigil.admins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.vigil.support.VigilProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A first run whose {@code VIGIL_ADMIN_PASSWORD} bcrypt cannot take (over 72 bytes) or
 * that is too short: the process exits non-zero with one line saying which setting is
 * wrong and why, no stack trace, and the password itself appears nowhere.
 */
class BootstrapPasswordIntegrationTests {

	@Test
	void aBootstrapPasswordOver72BytesStopsTheFirstRunWithOneLine() throws IOException {
		String password = "Secret-" + "\u00e4".repeat(40);
		String line = failsToStart("long", password);
		assertThat(line).contains("VIGIL_ADMIN_PASSWORD").contains("87 bytes").contains("at most 72 bytes");
	}

	@Test
	void aShortBootstrapPasswordStopsTheFirstRunWithOneLine() throws IOException {
		String line = failsToStart("short", "Sh0rt!");
		assertThat(line).contains("VIGIL_ADMIN_PASSWORD").contains("at least 8 characters");
	}

	private static String failsToStart(String name, String password) throws IOException {
		Path dir = Files
			.createDirectories(Path.of("target", "vigil-process", "bootstrap-" + UUID.randomUUID()).toAbsolutePath());
		try (VigilProcess vigil = VigilProcess.start(dir.resolve("data"), VigilProcess.freePort(),
				dir.resolve(name + ".out"), List.of("--vigil.admins.bootstrap-password=" + password))) {
			int exit = vigil.awaitExit(Duration.ofSeconds(90));
			String output = vigil.output();
			assertThat(exit).as("exit code\n%s", output).isNotZero();
			assertThat(output).as("console output").doesNotContain("\tat ").doesNotContain("Exception");
			assertThat(output).as("console output").doesNotContain(password);
			List<String> reported = output.lines().filter((l) -> l.startsWith("Vigil cannot start: ")).toList();
			assertThat(reported).as("console output\n%s", output).hasSize(1);
			System.out.printf("[bootstrap] %s: exit %d: %s%n", name, exit, reported.get(0));
			return reported.get(0);
		}
	}

}
