package dev.vigil.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** What leak and soak tests watch in the test JVM, which runs the server too. */
public final class Probes {

	private Probes() {
	}

	/** Open file descriptors of this process (Linux). */
	public static long openFds() {
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			return fds.count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Heap in use after a full collection (twice: the first may leave what finalization
	 * frees).
	 */
	public static long heapAfterGc() {
		System.gc();
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/**
	 * Open live-stream connections as the {@code vigil_stream_connections} gauges count
	 * them.
	 */
	public static double openStreams(MeterRegistry meters) {
		return meters.find("vigil.stream.connections").gauges().stream().mapToDouble(Gauge::value).sum();
	}

}
