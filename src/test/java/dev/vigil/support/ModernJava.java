package dev.vigil.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The runtime users run the packaged jar on: {@code -Dvigil.test.java} (a {@code java}
 * binary), else the newest JDK 21+ found under {@code /usr/lib/jvm}, {@code JAVA_HOME} or
 * this JVM's own home (the Docker image has 25).
 */
public final class ModernJava {

	private ModernJava() {
	}

	/** The java binary of the newest JDK 21+ this machine has, or null. */
	public static Path find() {
		String configured = System.getProperty("vigil.test.java");
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		List<Path> homes = new ArrayList<>();
		String javaHome = System.getenv("JAVA_HOME");
		if (javaHome != null) {
			homes.add(Path.of(javaHome));
		}
		homes.add(Path.of(System.getProperty("java.home")));
		try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
			jvms.forEach(homes::add);
		}
		catch (IOException ex) {
			// no system JVM directory
		}
		Path best = null;
		int bestVersion = 20;
		for (Path home : homes) {
			int version = featureVersion(home);
			Path binary = home.resolve("bin").resolve("java");
			if (version > bestVersion && Files.isExecutable(binary)) {
				best = binary;
				bestVersion = version;
			}
		}
		return best;
	}

	/** The feature version a JDK's {@code release} file states (0 when there is none). */
	private static int featureVersion(Path home) {
		Properties release = new Properties();
		try (var in = Files.newBufferedReader(home.resolve("release"))) {
			release.load(in);
			String version = release.getProperty("JAVA_VERSION", "\"0\"").replace("\"", "");
			return Integer.parseInt(version.split("[.+-]")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

}
