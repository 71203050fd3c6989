package dev.vigil.web.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.vigil.storage.DataDirectory;
import dev.vigil.support.TestThreads;
import dev.vigil.support.VigilClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed handshakes and frames on every WebSocket stream the application maps, then a
 * check that the server still works: bad input ends in a close code that names the
 * problem ({@link WebSocketFuzzer}), a refused handshake is a ProblemDetail without
 * internals. Seeded like the HTTP fuzz: {@code -Dvigil.fuzz.seed=<n>}.
 */
@FuzzIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebSocketFuzzIntegrationTests {

	static final int MIN_INPUTS = 2_000;

	static final Tally TALLY = new Tally();

	@LocalServerPort
	int port;

	@Test
	@Order(1)
	void everyWebSocketStreamAnswersMalformedFramesWithACloseCode(
			@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping,
			@Autowired DataDirectory dataDirectory) throws Exception {
		long started = System.nanoTime();
		List<String> streams = Route.discover(mapping)
			.stream()
			.map(Route::pattern)
			.filter((pattern) -> pattern.endsWith("/stream"))
			.distinct()
			.sorted()
			.toList();
		assertThat(streams).contains("/api/admin/logs/stream", "/api/admin/notifications/stream",
				"/api/admin/dashboard/stream");
		VigilClient root = VigilClient.root(this.port);
		String[] cookie = { "Cookie", "access_token=" + root.cookie("access_token") };
		String key = root
			.post("/api/admin/api-keys",
					Map.of("name", "fuzz", "scopes",
							List.of("notifications:send", "notifications:read", "logs:read", "dashboard:read")))
			.assertStatus(201)
			.json()
			.get("secret")
			.asString();
		String[] bearer = { "Authorization", "Bearer " + key };
		Verdicts verdicts = new Verdicts(dataDirectory.root(), TALLY);
		List<Callable<Void>> fuzzes = new ArrayList<>();
		for (String stream : streams) {
			// One generator per stream: the streams are fuzzed in parallel, each
			// deterministically.
			WebSocketFuzzer fuzz = new WebSocketFuzzer(this.port, stream.startsWith("/api/v1/") ? bearer : cookie,
					new Random(FuzzInputs.SEED ^ stream.hashCode()), TALLY, verdicts);
			fuzzes.add(() -> {
				fuzz.handshakes(stream);
				fuzz.frames(stream);
				return null;
			});
		}
		TestThreads.runAll(fuzzes);
		long seconds = (System.nanoTime() - started) / 1_000_000_000;
		System.out.printf("WebSocket fuzz: seed %d, %d streams, %d inputs in %d s%n", FuzzInputs.SEED, streams.size(),
				TALLY.webSocketInputs.get(), seconds);
		System.out.println("WebSocket fuzz: inputs per category " + TALLY.webSocketCategories);
		System.out.println("WebSocket fuzz: handshake statuses " + TALLY.handshakeStatuses);
		System.out.println("WebSocket fuzz: close codes " + TALLY.closeCodes + " (1006 on a protocol error: "
				+ TALLY.dropped + ")");
		TALLY.assertNoFailures("WebSocket");
		// A dropped socket is tolerated case by case, never as the rule: the reasons must
		// reach the client.
		assertThat(TALLY.closeCodes.keySet()).as("close codes seen").contains(1002, 1007, 1009);
		assertThat(TALLY.webSocketInputs.get()).as("malformed inputs sent").isGreaterThanOrEqualTo(MIN_INPUTS);
	}

	@Test
	@Order(2)
	void theServerWorksAfterTheFuzz() {
		Verdicts.assertServerStillWorks(this.port);
	}

}
