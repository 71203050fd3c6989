package dev.vigil.web.fuzz;

import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.vigil.storage.DataDirectory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed HTTP input on every route the application maps, then a check that the server
 * still works. Requests go over raw sockets so that any byte can be sent. As the root
 * admin (with CSRF) inputs reach the controllers; anonymous and forged-cookie requests
 * cover the security chain. Whatever the input: an answer, no 5xx, no internals in an
 * error body, and every error on {@code /api/**} a ProblemDetail ({@link Verdicts}). The
 * inputs are drawn from a seeded generator: {@code -Dvigil.fuzz.seed=<n>} replays a run.
 */
@FuzzIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpFuzzIntegrationTests {

	static final int MIN_INPUTS = 8_000;

	static final Tally TALLY = new Tally();

	@LocalServerPort
	int port;

	@Test
	@Order(1)
	void everyMappedRouteAnswersMalformedHttpInputWithAClear4xx(
			@Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping,
			@Autowired DataDirectory dataDirectory) throws Exception {
		long started = System.nanoTime();
		List<Route> routes = Route.discover(mapping);
		assertThat(routes).extracting(Route::pattern)
			.contains("/api/admin/notifications/send", "/api/admin/admins/{id}", "/api/admin/logs/stream",
					"/api/admin/auth/login");
		Fixtures fixtures = Fixtures.create(this.port);
		Random random = new Random(FuzzInputs.SEED);
		List<HttpCase> cases = new HttpCases(routes, fixtures, Fixtures.forgedTokens(dataDirectory), random).all();
		Collections.shuffle(cases, random);
		new HttpFuzzer(this.port, TALLY, new Verdicts(dataDirectory.root(), TALLY)).run(cases);
		long seconds = (System.nanoTime() - started) / 1_000_000_000;
		System.out.printf("HTTP fuzz: seed %d, %d routes, %d inputs in %d s, %d re-logins%n", FuzzInputs.SEED,
				routes.size(), cases.size(), seconds, TALLY.logins.get());
		System.out.println("HTTP fuzz: inputs per category " + TALLY.categories);
		System.out
			.println("HTTP fuzz: statuses " + TALLY.statuses + " (501/505 from Tomcat: " + TALLY.notImplemented + ")");
		TALLY.assertNoFailures("HTTP");
		assertThat(TALLY.total.get()).as("malformed inputs sent").isGreaterThanOrEqualTo(MIN_INPUTS);
	}

	@Test
	@Order(2)
	void theServerWorksAfterTheFuzz() {
		Verdicts.assertServerStillWorks(this.port);
	}

}
