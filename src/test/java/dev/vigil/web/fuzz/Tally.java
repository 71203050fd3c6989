package dev.vigil.web.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.vigil.support.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/** Counts and failures of one fuzz run, printed and checked at its end. */
final class Tally {

	final AtomicInteger total = new AtomicInteger();

	final AtomicInteger logins = new AtomicInteger();

	final AtomicInteger notImplemented = new AtomicInteger();

	final AtomicInteger dropped = new AtomicInteger();

	final Map<String, AtomicInteger> categories = new ConcurrentSkipListMap<>();

	final Map<Integer, AtomicInteger> statuses = new ConcurrentSkipListMap<>();

	final AtomicInteger webSocketInputs = new AtomicInteger();

	final Map<String, AtomicInteger> webSocketCategories = new ConcurrentSkipListMap<>();

	final Map<Integer, AtomicInteger> handshakeStatuses = new ConcurrentSkipListMap<>();

	final Map<Integer, AtomicInteger> closeCodes = new ConcurrentSkipListMap<>();

	final List<String> failures = Collections.synchronizedList(new ArrayList<>());

	void record(HttpCase c, RawHttp.Response response, String failure) {
		this.total.incrementAndGet();
		this.categories.computeIfAbsent(c.category(), (k) -> new AtomicInteger()).incrementAndGet();
		this.statuses.computeIfAbsent(response.status(), (k) -> new AtomicInteger()).incrementAndGet();
		if (failure != null) {
			this.failures.add(c.describe() + "\n    -> " + failure);
		}
	}

	void webSocket(String category, int inputs) {
		this.webSocketInputs.addAndGet(inputs);
		this.webSocketCategories.computeIfAbsent(category, (k) -> new AtomicInteger()).addAndGet(inputs);
	}

	void fail(String failure) {
		this.failures.add(failure);
	}

	void assertNoFailures(String what) {
		List<String> found;
		synchronized (this.failures) {
			found = new ArrayList<>(this.failures);
			this.failures.clear();
		}
		found.stream().limit(40).forEach((f) -> System.out.println("FUZZ FAILURE " + f));
		try {
			Files.write(Path.of("target", "fuzz-failures-" + what + ".txt"), found);
		}
		catch (IOException ex) {
			// The list above is what matters.
		}
		assertThat(found).as("%s fuzz failures (seed %d; first 40 printed above)", what, FuzzInputs.SEED).isEmpty();
	}

}
