package dev.vigil.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.vigil.storage.DataDirectory;
import dev.vigil.support.RawHttp;
import dev.vigil.support.RawWebSocket;
import dev.vigil.support.SseClient;
import dev.vigil.support.Tokens;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;
import dev.vigil.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed input on every route the application maps (discovered from the handler
 * mapping, so a route added later is fuzzed without touching this test), on every
 * WebSocket stream, then a check that the server still works. Requests go over raw
 * sockets so that any byte can be sent. As the root admin (with CSRF) inputs reach the
 * controllers; anonymous and forged-cookie requests cover the security chain. Whatever
 * the input: no 5xx, no internals in an error body, and every error on {@code /api/**} a
 * ProblemDetail.
 *
 * <p>
 * The inputs are drawn from a seeded generator: {@code -Dvigil.fuzz.seed=<n>} replays a
 * run. The server has its own data directory, as the fuzzing root deletes and changes
 * things.
 */
@VigilIntegrationTest
@TestPropertySource(properties = { "vigil.storage.data-dir=target/test-data-fuzz",
		// Fuzzed stream requests open (and drop) many streams: no per-admin cap in the
		// way, and a short
		// heartbeat so that the server finds the dropped ones soon.
		"vigil.stream.max-per-admin=100000", "vigil.stream.heartbeat=1s" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FuzzIntegrationTests {

	static final long SEED = Long.getLong("vigil.fuzz.seed", 20261201L);

	private static final int THREADS = 4;

	private static final int MIN_INPUTS = 10_000;

	/**
	 * Headers, cookies and undeclared parameters are read by filters alike on every path:
	 * each path gets this share of them (drawn by the seed), which keeps the run within a
	 * minute.
	 */
	private static final int SAMPLED_PERCENT = 35;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern VARIABLE = Pattern.compile("\\{\\*?([^}:]+)(:[^}]*)?}");

	private static final List<String> UNSAFE = List.of("POST", "PUT", "DELETE", "PATCH");

	/**
	 * Counts across the test methods (they run in order; the last one checks the total).
	 */
	private static final Tally TALLY = new Tally();

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@Autowired
	DataDirectory dataDirectory;

	/**
	 * Ids and names that exist, so that a request fuzzed in one place is valid everywhere
	 * else.
	 */
	private Fixtures fixtures;

	@Test
	@Order(1)
	void everyMappedRouteAnswersMalformedHttpInputWithAClear4xx() throws Exception {
		long started = System.nanoTime();
		List<Route> routes = discover();
		assertThat(routes).extracting(Route::pattern)
			.contains("/api/admin/notifications/send", "/api/admin/admins/{id}", "/api/admin/logs/stream",
					"/api/admin/auth/login");
		this.fixtures = Fixtures.create(this.port);
		Random random = new Random(SEED);
		List<Case> cases = new Generator(routes, random).all();
		Collections.shuffle(cases, random);
		run(cases);
		long seconds = (System.nanoTime() - started) / 1_000_000_000;
		System.out.printf("HTTP fuzz: seed %d, %d routes, %d inputs in %d s, %d re-logins%n", SEED, routes.size(),
				cases.size(), seconds, TALLY.logins.get());
		System.out.println("HTTP fuzz: inputs per category " + TALLY.categories);
		System.out
			.println("HTTP fuzz: statuses " + TALLY.statuses + " (501/505 from Tomcat: " + TALLY.notImplemented + ")");
		TALLY.assertNoFailures("HTTP");
	}

	@Test
	@Order(2)
	void everyWebSocketStreamAnswersMalformedFramesWithACloseCode() throws Exception {
		long started = System.nanoTime();
		List<String> streams = discover().stream()
			.map(Route::pattern)
			.filter((pattern) -> pattern.endsWith("/stream"))
			.distinct()
			.sorted()
			.toList();
		assertThat(streams).contains("/api/admin/logs/stream", "/api/admin/notifications/stream",
				"/api/admin/dashboard/stream");
		VigilClient root = VigilClient.root(this.port);
		String cookie = "access_token=" + root.cookie("access_token");
		ExecutorService pool = Executors.newFixedThreadPool(streams.size());
		try {
			List<Future<?>> done = new ArrayList<>();
			for (String stream : streams) {
				// One generator per stream: the streams are fuzzed in parallel, each
				// deterministically.
				WebSocketFuzz fuzz = new WebSocketFuzz(cookie, new Random(SEED ^ stream.hashCode()));
				done.add(pool.submit(() -> {
					fuzz.handshakes(stream);
					fuzz.frames(stream);
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		long seconds = (System.nanoTime() - started) / 1_000_000_000;
		System.out.printf("WebSocket fuzz: seed %d, %d streams, %d inputs in %d s%n", SEED, streams.size(),
				TALLY.webSocketInputs.get(), seconds);
		System.out.println("WebSocket fuzz: inputs per category " + TALLY.webSocketCategories);
		System.out.println("WebSocket fuzz: handshake statuses " + TALLY.handshakeStatuses);
		System.out.println("WebSocket fuzz: close codes " + TALLY.closeCodes + " (1006 on a protocol error: "
				+ TALLY.dropped + ")");
		TALLY.assertNoFailures("WebSocket");
		// A dropped socket is tolerated case by case, never as the rule: the reasons must
		// reach the client.
		assertThat(TALLY.closeCodes.keySet()).as("close codes seen").contains(1002, 1007, 1009);
	}

	@Test
	@Order(3)
	void theServerIsHealthyAfterTheFuzz() {
		int total = TALLY.total.get() + TALLY.webSocketInputs.get();
		System.out.printf("Fuzz total: %d inputs (seed %d)%n", total, SEED);
		assertThat(total).as("malformed inputs sent").isGreaterThanOrEqualTo(MIN_INPUTS);

		VigilClient anonymous = new VigilClient(this.port);
		anonymous.get("/api/health").assertStatus(200);
		VigilClient root = VigilClient.root(this.port);
		long rootId = root.adminId();
		try (SseClient sse = SseClient.open(root, "/api/admin/notifications/stream");
				WsClient ws = WsClient.connect(root, "/api/admin/notifications/stream")) {
			assertThat(sse.status()).isEqualTo(200);
			assertThat(sse.next().json().get("type").asString()).isEqualTo("unread_count");
			assertThat(ws.next().get("type").asString()).isEqualTo("unread_count");
			root.post("/api/admin/notifications/send", Map.of("admin_id", rootId, "title", "after the fuzz"))
				.assertStatus(201);
			SseClient.Event event = sse.next(Duration.ofSeconds(10));
			assertThat(event).as("live SSE delivery after the fuzz").isNotNull();
			assertThat(event.json().get("notification").get("title").asString()).isEqualTo("after the fuzz");
			assertThat(ws.next().get("notification").get("title").asString()).isEqualTo("after the fuzz");
		}
		anonymous.get("/api/health").assertStatus(200);
	}

	// ---------------------------------------------------------------- routes

	record Param(String name, Class<?> type) {
	}

	/** One mapped pattern and method, with what the handler declares it reads. */
	record Route(String method, String pattern, List<Param> pathVariables, List<Param> queryParameters, Type body) {
	}

	private List<Route> discover() {
		List<Route> routes = new ArrayList<>();
		DefaultParameterNameDiscoverer names = new DefaultParameterNameDiscoverer();
		this.mapping.getHandlerMethods().forEach((info, handler) -> {
			List<Param> path = new ArrayList<>();
			List<Param> query = new ArrayList<>();
			Type body = null;
			for (MethodParameter parameter : handler.getMethodParameters()) {
				parameter.initParameterNameDiscovery(names);
				PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
				RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
				if (variable != null) {
					path.add(new Param(name(variable.name(), variable.value(), parameter),
							parameter.getParameterType()));
				}
				else if (param != null) {
					query.add(new Param(name(param.name(), param.value(), parameter), parameter.getParameterType()));
				}
				else if (parameter.hasParameterAnnotation(RequestBody.class)) {
					body = parameter.getGenericParameterType();
				}
			}
			var declared = info.getMethodsCondition().getMethods();
			List<String> methods = declared.isEmpty() ? List.of("GET", "POST", "PUT", "DELETE")
					: declared.stream().map(RequestMethod::name).sorted().toList();
			for (String pattern : info.getPatternValues()) {
				for (String method : methods) {
					routes.add(new Route(method, pattern, path, query, body));
				}
			}
		});
		routes.sort((a, b) -> (a.pattern() + " " + a.method()).compareTo(b.pattern() + " " + b.method()));
		return routes;
	}

	private static String name(String name, String value, MethodParameter parameter) {
		return !name.isEmpty() ? name : !value.isEmpty() ? value : parameter.getParameterName();
	}

	// ---------------------------------------------------------------- cases

	enum Auth {

		/**
		 * The worker's root session: its cookies, and the CSRF header on unsafe methods.
		 */
		ROOT,

		/**
		 * Only what the case carries (placeholders in it are filled with the root
		 * session's tokens).
		 */
		CASE

	}

	/**
	 * One input. {@code raw} is a complete request sent as is; otherwise the request is
	 * built from the parts. {@code mutations} > 0 flips that many bytes of the built
	 * request (seeded by {@code mutationSeed}).
	 */
	record Case(String category, String method, String target, List<String[]> headers, byte[] body, Auth auth,
			boolean halfClose, byte[] raw, int mutations, long mutationSeed) {

		static Case of(String category, String method, String target, List<String[]> headers, byte[] body, Auth auth) {
			return new Case(category, method, target, headers, body, auth, false, null, 0, 0);
		}

		/** The path the server sees, when this case's request line is intact. */
		String path() {
			if (this.raw != null || this.mutations > 0 || this.target == null) {
				return null;
			}
			int query = this.target.indexOf('?');
			return (query >= 0) ? this.target.substring(0, query) : this.target;
		}

		boolean usesSession() {
			return this.auth == Auth.ROOT || this.headers.stream().anyMatch((h) -> h[1].contains("{{"));
		}

		String describe() {
			StringBuilder text = new StringBuilder("[" + this.category + "] ");
			if (this.raw != null) {
				return text.append(abbreviate(new String(this.raw, StandardCharsets.ISO_8859_1), 300)).toString();
			}
			text.append(this.method)
				.append(' ')
				.append(abbreviate(this.target, 200))
				.append(" auth=")
				.append(this.auth);
			for (String[] header : this.headers) {
				text.append(" | ").append(header[0]).append(": ").append(abbreviate(header[1], 80));
			}
			if (this.body != null) {
				text.append(" | body (")
					.append(this.body.length)
					.append(" bytes): ")
					.append(abbreviate(new String(this.body, StandardCharsets.UTF_8), 120));
			}
			if (this.mutations > 0) {
				text.append(" | ").append(this.mutations).append(" bytes mutated, seed ").append(this.mutationSeed);
			}
			return text.toString();
		}

	}

	/**
	 * Builds every case from the routes; all randomness comes from the seeded
	 * {@code random}.
	 */
	private final class Generator {

		private final List<Route> routes;

		private final Random random;

		private final List<Case> cases = new ArrayList<>();

		private final List<String> cookies;

		Generator(List<Route> routes, Random random) {
			this.routes = routes;
			this.random = random;
			this.cookies = FuzzInputs.cookies(Fixtures.forgedTokens(FuzzIntegrationTests.this.dataDirectory));
		}

		List<Case> all() {
			for (Route route : this.routes) {
				pathVariables(route);
				queryParameters(route);
				if (route.body() != null) {
					jsonBodies(route);
				}
				else if (UNSAFE.contains(route.method())) {
					unexpectedBodies(route);
				}
			}
			// Headers and cookies are read by filters, the same for every method of a
			// path: one route per path.
			for (Route route : primaryRoutes()) {
				commonQueryParameters(route);
				headers(route);
				cookies(route);
			}
			methods();
			rawRequests();
			mutations(600);
			return this.cases;
		}

		/** Per path, its GET route if it has one, else its first. */
		private List<Route> primaryRoutes() {
			Map<String, Route> primary = new LinkedHashMap<>();
			for (Route route : this.routes) {
				primary.merge(route.pattern(), route,
						(a, b) -> a.method().equals("GET") ? a : b.method().equals("GET") ? b : a);
			}
			return new ArrayList<>(primary.values());
		}

		private void pathVariables(Route route) {
			for (Param variable : route.pathVariables()) {
				List<String> values = new ArrayList<>();
				FuzzInputs.PATH_VALUES.forEach((value) -> values.add(pathSegment(value)));
				values.addAll(FuzzInputs.RAW_PATH_VALUES);
				for (String value : values) {
					add("path", route, target(route, Map.of(variable.name(), value)), validBody(route), List.of(),
							Auth.ROOT);
				}
			}
		}

		private void queryParameters(Route route) {
			String base = target(route, Map.of());
			for (Param param : route.queryParameters()) {
				for (String value : FuzzInputs.QUERY_VALUES) {
					add("query", route, base + "?" + param.name() + "=" + query(value), validBody(route), List.of(),
							Auth.ROOT);
				}
				if (param == route.queryParameters().get(0)) {
					for (String value : FuzzInputs.RAW_QUERY_VALUES) {
						add("query", route, base + "?" + param.name() + "=" + value, validBody(route), List.of(),
								Auth.ROOT);
					}
				}
				add("query", route, base + "?" + param.name() + "=1&" + param.name() + "=2&" + param.name() + "=abc",
						validBody(route), List.of(), Auth.ROOT);
				add("query", route, base + "?" + param.name(), validBody(route), List.of(), Auth.ROOT);
			}
		}

		private void commonQueryParameters(Route route) {
			String base = target(route, Map.of());
			for (String name : FuzzInputs.COMMON_QUERY_NAMES) {
				if (this.random.nextInt(100) >= SAMPLED_PERCENT) {
					continue;
				}
				for (String value : FuzzInputs.COMMON_QUERY_VALUES) {
					add("query", route, base + "?" + name + "=" + query(value), validBody(route), List.of(), Auth.ROOT);
				}
			}
			add("query", route, base + "?" + "a=&".repeat(2000), validBody(route), List.of(), Auth.ROOT);
			add("query", route, base + "?" + query("\u0000name") + "=1&" + query("x".repeat(2000)) + "=1",
					validBody(route), List.of(), Auth.ROOT);
		}

		private void jsonBodies(Route route) {
			Map<String, String> base = baseFields(route.body());
			String valid = object(base);
			List<String[]> json = List.<String[]>of(new String[] { "Content-Type", "application/json" });
			String target = target(route, Map.of());
			for (RecordComponent field : components(route.body())) {
				String name = snakeCase(field.getName());
				List<String> values = name.equals("ids") ? FuzzInputs.idsValues() : FuzzInputs.fieldValues();
				for (String value : values) {
					Map<String, String> fields = new LinkedHashMap<>(base);
					fields.put(name, value);
					add("json-field", route, target, FuzzInputs.utf8(object(fields)), json, Auth.ROOT);
				}
				Map<String, String> without = new LinkedHashMap<>(base);
				without.remove(name);
				add("json-field", route, target, FuzzInputs.utf8(object(without)), json, Auth.ROOT);
			}
			for (byte[] body : FuzzInputs.bodies(valid, this.random)) {
				add("json-body", route, target, body, json, Auth.ROOT);
			}
			byte[] overLimit = FuzzInputs.utf8("{\"x\":\"" + "c".repeat(2 * 1024 * 1024) + "\"}");
			add("json-body", route, target, overLimit, json, Auth.ROOT);
			add("json-body", route, target, FuzzInputs.chunked(overLimit),
					List.<String[]>of(json.get(0), new String[] { "Transfer-Encoding", "chunked" }), Auth.ROOT);
			byte[] validBytes = FuzzInputs.utf8(valid);
			this.cases.add(new Case("json-body", route.method(), target,
					List.<String[]>of(json.get(0),
							new String[] { "Content-Length", Integer.toString(validBytes.length + 100) }),
					validBytes, Auth.ROOT, true, null, 0, 0));
			add("json-body", route, target, validBytes, List.<String[]>of(json.get(0),
					new String[] { "Content-Length", Integer.toString(validBytes.length - 5) }), Auth.ROOT);
			add("json-content-type", route, target, validBytes, List.of(), Auth.ROOT);
			for (String type : FuzzInputs.CONTENT_TYPES) {
				add("json-content-type", route, target, validBytes,
						List.<String[]>of(new String[] { "Content-Type", type }), Auth.ROOT);
			}
			byte[] multipart = FuzzInputs
				.utf8("--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n" + "1\r\n--xyz-");
			add("json-content-type", route, target, multipart,
					List.<String[]>of(new String[] { "Content-Type", "multipart/form-data; boundary=xyz" }), Auth.ROOT);
			add("json-content-type", route, target, FuzzInputs.utf8("a=1&b=%zz&%%%"),
					List.<String[]>of(
							new String[] { "Content-Type", "application/x-www-form-urlencoded; charset=nope" }),
					Auth.ROOT);
		}

		private void unexpectedBodies(Route route) {
			String target = target(route, Map.of());
			for (String type : List.of("application/json", "multipart/form-data; boundary=xyz",
					"application/x-www-form-urlencoded", "application/json; charset=nope", "text/plain")) {
				List<String[]> headers = List.<String[]>of(new String[] { "Content-Type", type });
				for (byte[] body : List.of(FuzzInputs.utf8("{"), FuzzInputs.bytes(0xC3, 0x28, 0xFF),
						FuzzInputs.utf8("[".repeat(100_000)), FuzzInputs.utf8("--xyz\r\n\r\n--"),
						FuzzInputs.utf8("a=%zz&=&b"))) {
					add("json-body", route, target, body, headers, Auth.ROOT);
				}
			}
			add("json-body", route, target, new byte[3 * 1024 * 1024],
					List.<String[]>of(new String[] { "Content-Type", "application/json" }), Auth.ROOT);
		}

		private void headers(Route route) {
			for (String[] header : FuzzInputs.headers()) {
				if (this.random.nextInt(100) >= SAMPLED_PERCENT) {
					continue;
				}
				add("header", route, target(route, Map.of()), validBody(route), List.<String[]>of(header), Auth.ROOT);
			}
		}

		private void cookies(Route route) {
			List<String[]> csrf = UNSAFE.contains(route.method())
					? List.<String[]>of(new String[] { "X-XSRF-TOKEN", "{{xsrf}}" }) : List.of();
			for (String cookie : this.cookies) {
				if (this.random.nextInt(100) >= SAMPLED_PERCENT) {
					continue;
				}
				List<String[]> headers = new ArrayList<>(csrf);
				headers.add(new String[] { "Cookie", cookie });
				add("cookie", route, target(route, Map.of()), validBody(route), headers, Auth.CASE);
			}
			add("cookie", route, target(route, Map.of()), validBody(route), List.of(), Auth.CASE);
			if (UNSAFE.contains(route.method())) {
				add("cookie", route, target(route, Map.of()), validBody(route),
						List.<String[]>of(new String[] { "Cookie", "access_token={{access}}; XSRF-TOKEN={{xsrf}}" }),
						Auth.CASE);
				add("cookie", route, target(route, Map.of()), validBody(route),
						List.<String[]>of(new String[] { "Cookie", "access_token={{access}}; XSRF-TOKEN={{xsrf}}" },
								new String[] { "X-XSRF-TOKEN", "garbage" }),
						Auth.CASE);
			}
		}

		private void methods() {
			List<String> patterns = this.routes.stream().map(Route::pattern).distinct().toList();
			for (String pattern : patterns) {
				Route route = this.routes.stream().filter((r) -> r.pattern().equals(pattern)).findFirst().orElseThrow();
				for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO",
						"get", "CONNECT")) {
					this.cases.add(Case.of("method", method, target(route, Map.of()), List.of(), null, Auth.ROOT));
				}
			}
		}

		private void rawRequests() {
			for (String request : FuzzInputs.rawRequests()) {
				// Half-closed, so that an incomplete request ends instead of keeping the
				// server waiting.
				this.cases.add(new Case("request-line", null, null, List.of(), null, Auth.CASE, true,
						request.getBytes(StandardCharsets.ISO_8859_1), 0, 0));
			}
		}

		/**
		 * Valid requests of random routes with random bytes changed anywhere (request
		 * line, headers, body).
		 */
		private void mutations(int count) {
			for (int i = 0; i < count; i++) {
				Route route = this.routes.get(this.random.nextInt(this.routes.size()));
				byte[] body = validBody(route);
				List<String[]> headers = (body != null)
						? List.<String[]>of(new String[] { "Content-Type", "application/json" }) : List.of();
				// Half-closed: a mutated Content-Length must not leave the server waiting
				// for bytes that never come.
				this.cases.add(new Case("mutated", route.method(), target(route, Map.of()), headers, body, Auth.ROOT,
						true, null, 1 + this.random.nextInt(4), this.random.nextLong()));
			}
		}

		private void add(String category, Route route, String target, byte[] body, List<String[]> headers, Auth auth) {
			List<String[]> all = new ArrayList<>(headers);
			if (body != null && headers.stream().noneMatch((h) -> h[0].equalsIgnoreCase("Content-Type"))
					&& !category.equals("json-content-type")) {
				all.add(new String[] { "Content-Type", "application/json" });
			}
			this.cases.add(Case.of(category, route.method(), target, all, body, auth));
		}

		private byte[] validBody(Route route) {
			return (route.body() != null) ? FuzzInputs.utf8(object(baseFields(route.body()))) : null;
		}

		/**
		 * The pattern with its variables filled: given (already encoded) values, else
		 * valid samples.
		 */
		private String target(Route route, Map<String, String> values) {
			Matcher matcher = VARIABLE.matcher(route.pattern());
			StringBuilder target = new StringBuilder();
			while (matcher.find()) {
				String name = matcher.group(1);
				String value = values.get(name);
				if (value == null) {
					Param param = route.pathVariables()
						.stream()
						.filter((p) -> p.name().equals(name))
						.findFirst()
						.orElse(new Param(name, String.class));
					value = pathSegment(FuzzIntegrationTests.this.fixtures.sample(route.pattern(), param.type()));
				}
				matcher.appendReplacement(target, Matcher.quoteReplacement(value));
			}
			matcher.appendTail(target);
			return target.toString();
		}

		/**
		 * Plausible values for the body's fields, so that a single hostile field is what
		 * gets tested.
		 */
		private Map<String, String> baseFields(Type body) {
			Map<String, String> fields = new LinkedHashMap<>();
			for (RecordComponent component : components(body)) {
				String name = snakeCase(component.getName());
				Class<?> type = component.getType();
				if (name.equals("ids")) {
					Class<?> element = ResolvableType.forType(body).getGeneric(0).resolve(Object.class);
					fields.put(name, (element == UUID.class) ? "[\"" + new UUID(0, 1) + "\"]"
							: Number.class.isAssignableFrom(element) ? "[999999999]" : "[\"no-such-id\"]");
				}
				else if (name.contains("email")) {
					fields.put(name, "\"fuzz-created@vigil.test\"");
				}
				else if (name.contains("password") || name.equals("role")) {
					// Only when required: a mutated byte in a path id must never change
					// the root admin's role or password.
					if (required(component)) {
						fields.put(name, name.equals("role") ? "\"viewer\"" : "\"password-123\"");
					}
				}
				else if (name.equals("admin_id")) {
					fields.put(name, Long.toString(FuzzIntegrationTests.this.fixtures.rootId));
				}
				else if (type == String.class) {
					fields.put(name, "\"fuzz\"");
				}
				else if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
					fields.put(name, "1");
				}
				// Booleans and free JSON stay out of the valid body: each is fuzzed on
				// its own.
			}
			return fields;
		}

	}

	private static boolean required(RecordComponent component) {
		for (Class<? extends Annotation> annotation : List.of(NotNull.class, NotBlank.class, NotEmpty.class)) {
			if (component.getAccessor().isAnnotationPresent(annotation)
					|| component.getAnnotatedType().isAnnotationPresent(annotation)) {
				return true;
			}
		}
		return false;
	}

	private static List<RecordComponent> components(Type body) {
		Class<?> type = ResolvableType.forType(body).resolve(Object.class);
		return type.isRecord() ? List.of(type.getRecordComponents()) : List.of();
	}

	private static String object(Map<String, String> fields) {
		StringBuilder json = new StringBuilder("{");
		fields.forEach((name, value) -> json.append((json.length() > 1) ? "," : "")
			.append('"')
			.append(name)
			.append("\":")
			.append(value));
		return json.append('}').toString();
	}

	private static String snakeCase(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
	}

	static String query(String decoded) {
		return URLEncoder.encode(decoded, StandardCharsets.UTF_8);
	}

	static String pathSegment(String decoded) {
		return URLEncoder.encode(decoded, StandardCharsets.UTF_8).replace("+", "%20");
	}

	static String abbreviate(String text, int max) {
		String flat = text.replace("\r", "\\r").replace("\n", "\\n");
		return (flat.length() <= max) ? flat : flat.substring(0, max) + "…(" + flat.length() + " chars)";
	}

	// ---------------------------------------------------------------- running

	private void run(List<Case> cases) throws Exception {
		ConcurrentLinkedQueue<Case> queue = new ConcurrentLinkedQueue<>(cases);
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int i = 0; i < THREADS; i++) {
				workers.add(pool.submit(() -> {
					Worker worker = new Worker();
					Case next;
					while ((next = queue.poll()) != null) {
						worker.run(next);
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Sends cases with a root session of its own, logging in again whenever a case ended
	 * it.
	 */
	private final class Worker {

		private final RawHttp http = new RawHttp(FuzzIntegrationTests.this.port);

		private String access;

		private String refresh;

		private String xsrf;

		void run(Case c) throws Exception {
			if (c.usesSession()) {
				ensureSession();
			}
			RawHttp.Response response = this.http.exchange(build(c), c.halfClose());
			if (c.auth() == Auth.ROOT && response.status() == 401 && c.mutations() == 0) {
				// An earlier case (logout, refresh reuse) ended this session: log in
				// again and retry.
				this.access = null;
				ensureSession();
				response = this.http.exchange(build(c), c.halfClose());
			}
			track(c, response);
			TALLY.record(c, response, check(c, response));
		}

		private void ensureSession() {
			if (this.access == null) {
				VigilClient client = new VigilClient(FuzzIntegrationTests.this.port);
				client.login(VigilClient.ROOT_EMAIL, VigilClient.ROOT_PASSWORD).assertStatus(200);
				this.access = client.cookie("access_token");
				this.refresh = client.cookie("refresh_token");
				this.xsrf = client.cookie("XSRF-TOKEN");
				TALLY.logins.incrementAndGet();
			}
		}

		/**
		 * Adopts rotated tokens. A session a case ended shows as a 401 on the next root
		 * case, which logs in again.
		 */
		private void track(Case c, RawHttp.Response response) {
			if (!c.usesSession()) {
				return;
			}
			for (String setCookie : response.headers("Set-Cookie")) {
				String[] pair = setCookie.split(";", 2)[0].split("=", 2);
				if (pair.length == 2 && !pair[1].isEmpty()) {
					if (pair[0].equals("access_token")) {
						this.access = pair[1];
					}
					else if (pair[0].equals("refresh_token")) {
						this.refresh = pair[1];
					}
				}
			}
		}

		private byte[] build(Case c) {
			if (c.raw() != null) {
				return c.raw();
			}
			List<String[]> headers = new ArrayList<>();
			boolean hasCookie = false;
			boolean hasCsrf = false;
			for (String[] header : c.headers()) {
				headers.add(new String[] { header[0], fill(header[1]) });
				hasCookie |= header[0].equalsIgnoreCase("Cookie");
				hasCsrf |= header[0].equalsIgnoreCase("X-XSRF-TOKEN");
			}
			if (c.auth() == Auth.ROOT) {
				if (!hasCookie) {
					String cookie = "access_token=" + this.access + "; XSRF-TOKEN=" + this.xsrf;
					if (c.target().startsWith("/api/admin/auth")) {
						cookie += "; refresh_token=" + this.refresh;
					}
					headers.add(new String[] { "Cookie", cookie });
				}
				if (!hasCsrf && UNSAFE.contains(c.method())) {
					headers.add(new String[] { "X-XSRF-TOKEN", this.xsrf });
				}
			}
			byte[] request = this.http.request(c.method(), c.target(), headers, c.body());
			if (c.mutations() > 0) {
				Random random = new Random(c.mutationSeed());
				for (int i = 0; i < c.mutations(); i++) {
					request[random.nextInt(request.length)] = (byte) random.nextInt(256);
				}
			}
			return request;
		}

		private String fill(String value) {
			if (!value.contains("{{")) {
				return value;
			}
			String tampered = this.access.substring(0, this.access.length() - 2)
					+ (this.access.endsWith("A") ? "B" : "A") + this.access.charAt(this.access.length() - 1);
			return value.replace("{{access}}", this.access)
				.replace("{{access-tampered}}", tampered)
				.replace("{{refresh}}", this.refresh)
				.replace("{{xsrf}}", this.xsrf);
		}

	}

	// ---------------------------------------------------------------- checks

	/** Why a response is wrong, or null. */
	private String check(Case c, RawHttp.Response response) {
		int status = response.status();
		if (status == 0 && !c.halfClose()) {
			// A client that stops sending mid-request may get no answer; any other
			// request must get one.
			return "connection closed without a response";
		}
		if (status < 0) {
			return "no response within 10 s";
		}
		if ((status == 501 || status == 505) && isProblem(response)) {
			// Tomcat's answer, before any application code, to a method (CONNECT),
			// transfer coding or HTTP
			// version it does not implement: RFC 9110/9112 name 501/505 for exactly this,
			// not a server failure.
			TALLY.notImplemented.incrementAndGet();
			return null;
		}
		if (status >= 500) {
			return "status " + status + ": " + abbreviate(response.text(), 300);
		}
		if (status < 400) {
			return null;
		}
		String leak = leak(response.text());
		if (leak != null) {
			return "error body shows \"" + leak + "\": " + abbreviate(response.text(), 300);
		}
		String path = c.path();
		if (path != null && path.startsWith("/api/") && !"HEAD".equals(c.method()) && !isProblem(response)) {
			return "error " + status + " is not a ProblemDetail: " + response.header("Content-Type") + " "
					+ abbreviate(response.text(), 200);
		}
		return null;
	}

	/**
	 * Internal detail an error body must never carry: stack traces, class names, SQL,
	 * file paths.
	 */
	String leak(String body) {
		List<String> markers = new ArrayList<>(
				List.of("Exception", "\tat ", "java.", "javax.", "jakarta.", "org.springframework", "org.apache",
						"tools.jackson", "com.fasterxml", "io.jsonwebtoken", "org.jobrunr", "org.sqlite", "dev.vigil",
						"SQLITE_", "select ", "SELECT ", "Apache Tomcat", "/work/", "/tmp/", "/home/"));
		markers.add(this.dataDirectory.root().toAbsolutePath().toString());
		markers.add(Path.of("").toAbsolutePath().toString());
		for (String marker : markers) {
			if (body.contains(marker)) {
				return marker;
			}
		}
		return null;
	}

	static boolean isProblem(RawHttp.Response response) {
		String type = response.header("Content-Type");
		if (type == null || !type.startsWith("application/problem+json")) {
			return false;
		}
		try {
			JsonNode json = JSON.readTree(response.body());
			return json.isObject() && json.path("status").asInt() == response.status() && json.hasNonNull("title")
					&& json.hasNonNull("error");
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	/** Counts and failures of the whole run. */
	static final class Tally {

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

		void record(Case c, RawHttp.Response response, String failure) {
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
			catch (java.io.IOException ex) {
				// The list above is what matters.
			}
			assertThat(found).as("%s fuzz failures (seed %d; first 40 printed above)", what, SEED).isEmpty();
		}

	}

	// ---------------------------------------------------------------- fixtures

	/** What exists on the server under test, for valid parts of fuzzed requests. */
	static final class Fixtures {

		long rootId;

		long victimId;

		long notificationId;

		String backupName = "vigil-20261201-000000-000.db";

		String cronName = "sample";

		static Fixtures create(int port) {
			Fixtures fixtures = new Fixtures();
			VigilClient root = VigilClient.root(port);
			fixtures.rootId = root.adminId();
			// The fuzz may delete or change this admin; the root admin's own id is never
			// a fuzzed path value.
			fixtures.victimId = root
				.post("/api/admin/admins",
						Map.of("email", VigilClient.uniqueEmail(), "password", "password-123", "role", "viewer"))
				.assertStatus(201)
				.json()
				.get("admin")
				.get("id")
				.asLong();
			fixtures.notificationId = root
				.post("/api/admin/notifications/send", Map.of("admin_id", fixtures.rootId, "title", "fuzz target"))
				.assertStatus(201)
				.json()
				.get("id")
				.asLong();
			fixtures.backupName = root.post("/api/admin/backups", null)
				.assertStatus(201)
				.json()
				.get("backup")
				.get("name")
				.asString();
			JsonNode cron = root.get("/api/admin/cron").assertStatus(200).json().get("cron");
			if (cron.size() > 0) {
				fixtures.cronName = cron.get(0).get("name").asString();
			}
			return fixtures;
		}

		String sample(String pattern, Class<?> type) {
			if (type == UUID.class) {
				return new UUID(0, 1).toString();
			}
			if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
				return Long.toString(pattern.contains("notifications") ? this.notificationId : this.victimId);
			}
			if (pattern.contains("/backups/")) {
				return this.backupName;
			}
			if (pattern.contains("/logs/files/")) {
				return "vigil.log";
			}
			if (pattern.contains("/cron/")) {
				return this.cronName;
			}
			return "sample";
		}

		/**
		 * Access tokens signed with the server's own key but with broken claims, plus
		 * foreign and unsigned ones.
		 */
		static List<String> forgedTokens(DataDirectory data) {
			SecretKey key = Tokens.serverKey(data.root());
			Date future = Date.from(Instant.now().plusSeconds(3600));
			List<String> tokens = new ArrayList<>();
			tokens.add(Jwts.builder()
				.subject("abc")
				.claim("sid", "x")
				.claim("scopes", List.of())
				.expiration(future)
				.signWith(key)
				.compact());
			tokens.add(Jwts.builder()
				.claim("sid", "x")
				.claim("scopes", List.of())
				.expiration(future)
				.signWith(key)
				.compact());
			tokens
				.add(Jwts.builder().subject("1").claim("scopes", List.of()).expiration(future).signWith(key).compact());
			tokens.add(Jwts.builder()
				.subject("1")
				.claim("sid", "x")
				.claim("scopes", "admin:admins")
				.expiration(future)
				.signWith(key)
				.compact());
			tokens.add(Jwts.builder()
				.subject("1")
				.claim("sid", List.of(1, 2))
				.claim("scopes", List.of())
				.expiration(future)
				.signWith(key)
				.compact());
			tokens.add(Jwts.builder()
				.subject("99999999999999999999")
				.claim("sid", "x")
				.claim("scopes", List.of())
				.expiration(future)
				.signWith(key)
				.compact());
			tokens.add(Jwts.builder()
				.subject("-1")
				.claim("sid", "\u0000' OR 1=1 --")
				.claim("scopes", java.util.Arrays.asList(null, 1, Map.of("a", 1)))
				.expiration(future)
				.signWith(key)
				.compact());
			tokens.add(Jwts.builder()
				.subject("1")
				.claim("sid", "x".repeat(3000))
				.claim("scopes", List.of())
				.expiration(future)
				.signWith(key)
				.compact());
			tokens.add(Jwts.builder()
				.subject("1")
				.claim("sid", "x")
				.claim("scopes", List.of())
				.expiration(Date.from(Instant.now().minusSeconds(60)))
				.signWith(key)
				.compact());
			tokens.add(Jwts.builder()
				.subject("1")
				.claim("sid", "x")
				.claim("scopes", List.of())
				.expiration(future)
				.signWith(Keys.hmacShaKeyFor(new byte[32]))
				.compact());
			String[] parts = tokens.get(0).split("\\.");
			tokens.add(Tokens.base64url("{\"alg\":\"none\"}") + "." + parts[1] + ".");
			tokens.add(Tokens.base64url("{\"alg\":\"HS512\"}") + "." + parts[1] + "." + parts[2]);
			tokens.add(Tokens.base64url("{\"alg\":\"RS256\",\"kid\":\"../../x\"}") + "." + parts[1] + "." + parts[2]);
			tokens.add(Tokens.base64url("{\"alg\":\"HS256\",\"zip\":\"DEF\"}") + "." + Tokens.base64url("garbage") + "."
					+ parts[2]);
			tokens.add(Tokens.base64url("[") + "." + Tokens.base64url("{") + "." + parts[2]);
			return tokens;
		}

	}

	// ---------------------------------------------------------------- WebSocket

	/**
	 * Handshakes and frames for one stream path at a time; every frame or handshake sent
	 * is one input.
	 */
	private final class WebSocketFuzz {

		private static final Duration WAIT = Duration.ofSeconds(10);

		/**
		 * Close codes that tell the client what was wrong with its input (RFC 6455 7.4.1
		 * and the contract).
		 */
		private static final List<Integer> PROPER = List.of(1002, 1003, 1007, 1008, 1009);

		private final String cookie;

		private final Random random;

		/**
		 * Numbers the frame cases in the order {@link #frames} sends them, to name a
		 * failing one.
		 */
		private int caseNumber;

		WebSocketFuzz(String cookie, Random random) {
			this.cookie = cookie;
			this.random = random;
		}

		void handshakes(String path) throws Exception {
			List<List<String[]>> variants = new ArrayList<>();
			variants.add(List.<String[]>of(h("Cookie", null)));
			variants.add(List.<String[]>of(h("Cookie", "access_token=garbage")));
			variants.add(List.<String[]>of(h("Cookie", "access_token=" + "A".repeat(7000))));
			for (String origin : List.of("null", "http://evil.example", "garbage", "", "http://" + "a".repeat(3000),
					"http://localhost:1", "\u00ff\u00fe")) {
				variants.add(List.<String[]>of(h("Cookie", this.cookie), h("Origin", origin)));
			}
			for (String version : List.of("12", "abc", "", "13, 8")) {
				variants.add(List.<String[]>of(h("Cookie", this.cookie), h("Sec-WebSocket-Version", version)));
			}
			variants.add(List.<String[]>of(h("Cookie", this.cookie), h("Sec-WebSocket-Version", null)));
			for (String key : List.of("", "!!!", "x".repeat(200))) {
				variants.add(List.<String[]>of(h("Cookie", this.cookie), h("Sec-WebSocket-Key", key)));
			}
			variants.add(List.<String[]>of(h("Cookie", this.cookie), h("Sec-WebSocket-Key", null)));
			variants.add(List.<String[]>of(h("Cookie", this.cookie), h("Connection", "keep-alive")));
			variants.add(List.<String[]>of(h("Cookie", this.cookie), h("Upgrade", "websocket2"),
					h("Accept", "application/json")));
			variants.add(List.<String[]>of(h("Cookie", this.cookie), h("Sec-WebSocket-Protocol", "garbage, \u00ff")));
			variants.add(List.<String[]>of(h("Cookie", this.cookie),
					h("Sec-WebSocket-Extensions", "permessage-deflate; garbage=1")));
			variants.add(List.<String[]>of(h("Cookie", this.cookie),
					h("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits=99")));
			variants.add(List.<String[]>of(h("Cookie", this.cookie), h("Last-Event-ID", "x".repeat(5000))));
			int sent = 0;
			for (List<String[]> headers : variants) {
				handshake(path, headers);
				sent++;
			}
			for (String query : List.of("?since=garbage", "?since=-1", "?since=99999999999999999999", "?backlog=-1",
					"?backlog=abc", "?level=%00", "?search=" + "x".repeat(600), "?since=%zz", "?level=a&level=b")) {
				handshake(path + query, List.<String[]>of(h("Cookie", this.cookie)));
				sent++;
			}
			TALLY.webSocket("ws-handshake", sent);
		}

		private void handshake(String target, List<String[]> headers) throws Exception {
			try (RawWebSocket ws = RawWebSocket.connect(FuzzIntegrationTests.this.port, target, headers)) {
				int status = ws.status();
				TALLY.handshakeStatuses.computeIfAbsent(status, (k) -> new AtomicInteger()).incrementAndGet();
				String what = "WS handshake " + abbreviate(target, 100) + " " + describe(headers);
				if (status == 0 || status >= 500) {
					TALLY.fail(what + "\n    -> status " + status);
				}
				else if (status >= 400) {
					byte[] body = ws.refusalBody();
					String leak = leak(new String(body, StandardCharsets.UTF_8));
					if (leak != null) {
						TALLY.fail(what + "\n    -> refusal shows \"" + leak + "\"");
					}
					RawHttp.Response response = new RawHttp.Response(status, headersOf(ws.responseHead()), body);
					if (body.length > 0 && !isProblem(response)) {
						TALLY.fail(what + "\n    -> refusal " + status + " is not a ProblemDetail: "
								+ abbreviate(new String(body, StandardCharsets.UTF_8), 200));
					}
				}
			}
		}

		void frames(String path) throws Exception {
			// Invalid UTF-8 in a text message: 1007, whole or split across fragments.
			for (byte[] bad : List.of(FuzzInputs.bytes(0xC3, 0x28), FuzzInputs.bytes(0xFF),
					FuzzInputs.bytes(0xED, 0xA0, 0x80), FuzzInputs.bytes(0xF4, 0x90, 0x80, 0x80),
					FuzzInputs.bytes(0xC0, 0xAF), FuzzInputs.bytes('{', '"', 'a', '"', ':', 0xE2, 0x82, '}'))) {
				expectClose(path, "ws-invalid-utf8", List.of(1007), (ws) -> ws.send(RawWebSocket.TEXT, bad), 1);
			}
			expectClose(path, "ws-invalid-utf8", List.of(1007), (ws) -> {
				ws.sendFrame(false, 0, RawWebSocket.TEXT, true, FuzzInputs.bytes('a', 0xC3));
				ws.sendFrame(true, 0, RawWebSocket.CONTINUATION, true, FuzzInputs.bytes(0x28));
			}, 2);
			// Too big: 1009, including 16 MB frames and a message over the limit in
			// fragments.
			expectClose(path, "ws-too-big", List.of(1009),
					(ws) -> ws.sendLargeFrameAsync(RawWebSocket.TEXT, 16L * 1024 * 1024, (byte) 'a'), 1);
			expectClose(path, "ws-too-big", List.of(1009),
					(ws) -> ws.sendLargeFrameAsync(RawWebSocket.BINARY, 16L * 1024 * 1024, (byte) 0), 1);
			expectClose(path, "ws-too-big", List.of(1009),
					(ws) -> ws.sendLargeFrameAsync(RawWebSocket.TEXT, 64 * 1024 + 1, (byte) 'a'), 1);
			expectClose(path, "ws-too-big", List.of(1009), (ws) -> {
				byte[] part = new byte[30 * 1024];
				java.util.Arrays.fill(part, (byte) 'a');
				ws.sendFrame(false, 0, RawWebSocket.TEXT, true, part);
				ws.sendFrame(false, 0, RawWebSocket.CONTINUATION, true, part);
				ws.sendFrame(true, 0, RawWebSocket.CONTINUATION, true, part);
			}, 3);
			expectClose(path, "ws-too-big", List.of(1009, 1002),
					(ws) -> ws.sendLargeFrameAsync(RawWebSocket.TEXT, Long.MAX_VALUE, 128 * 1024, (byte) 'a'), 1);
			// Protocol violations: 1002 (or another code that names the problem).
			expectClose(path, "ws-protocol", PROPER,
					(ws) -> ws.sendFrame(true, 0, RawWebSocket.TEXT, false, FuzzInputs.utf8("{}")), 1);
			expectClose(path, "ws-protocol", PROPER,
					(ws) -> ws.sendFrame(true, 4, RawWebSocket.TEXT, true, FuzzInputs.utf8("{}")), 1);
			expectClose(path, "ws-protocol", PROPER,
					(ws) -> ws.sendFrame(true, 1, RawWebSocket.BINARY, true, new byte[3]), 1);
			expectClose(path, "ws-protocol", PROPER, (ws) -> ws.sendFrame(true, 0, 0x3, true, new byte[3]), 1);
			expectClose(path, "ws-protocol", PROPER, (ws) -> ws.sendFrame(true, 0, 0xB, true, new byte[3]), 1);
			expectClose(path, "ws-protocol", PROPER,
					(ws) -> ws.sendFrame(true, 0, RawWebSocket.PING, true, new byte[126]), 1);
			expectClose(path, "ws-protocol", PROPER,
					(ws) -> ws.sendFrame(false, 0, RawWebSocket.PING, true, new byte[1]), 1);
			expectClose(path, "ws-protocol", PROPER,
					(ws) -> ws.sendFrame(true, 0, RawWebSocket.CONTINUATION, true, FuzzInputs.utf8("x")), 1);
			expectClose(path, "ws-protocol", PROPER, (ws) -> {
				ws.sendFrame(false, 0, RawWebSocket.TEXT, true, FuzzInputs.utf8("{"));
				ws.sendFrame(true, 0, RawWebSocket.TEXT, true, FuzzInputs.utf8("{}"));
			}, 2);
			for (byte[] close : List.of(FuzzInputs.bytes(0x03, 0xE7), FuzzInputs.bytes(0x03, 0xED),
					FuzzInputs.bytes(0x13, 0x88), FuzzInputs.bytes(0x03), FuzzInputs.bytes(0x03, 0xE8, 0xC3, 0x28))) {
				expectClose(path, "ws-protocol", PROPER, (ws) -> ws.send(RawWebSocket.CLOSE, close), 1);
			}
			// A normal close is answered in kind.
			expectClose(path, "ws-close", List.of(1000),
					(ws) -> ws.send(RawWebSocket.CLOSE, FuzzInputs.bytes(0x03, 0xE8)), 1);
			// Floods of data messages: the rate limit closes with 1008.
			for (int opcode : List.of(RawWebSocket.TEXT, RawWebSocket.BINARY)) {
				expectClose(path, "ws-flood", List.of(1008), (ws) -> {
					for (int i = 0; i < 100; i++) {
						ws.send(opcode, FuzzInputs.utf8("{\"level\":\"error\"}"));
					}
				}, 100);
			}
			// Malformed control messages and binary frames: answered (or ignored), never
			// fatal.
			List<String> messages = controlMessages();
			for (int i = 0; i < messages.size(); i += 4) {
				List<String> batch = messages.subList(i, Math.min(messages.size(), i + 4));
				expectAlive(path, "ws-json", (ws) -> {
					for (String message : batch) {
						ws.sendText(message);
					}
				}, batch.size());
			}
			for (int i = 0; i < 5; i++) {
				expectAlive(path, "ws-binary", (ws) -> {
					for (int j = 0; j < 4; j++) {
						byte[] bytes = new byte[this.random.nextInt(2000)];
						this.random.nextBytes(bytes);
						ws.send(RawWebSocket.BINARY, bytes);
					}
				}, 4);
			}
			// Control frame floods are answered by the container, not counted as
			// messages: the stream survives.
			expectAlive(path, "ws-ping-flood", (ws) -> {
				for (int i = 0; i < 300; i++) {
					ws.send(RawWebSocket.PING, FuzzInputs.utf8("p" + i));
				}
			}, 300);
			expectAlive(path, "ws-pong-flood", (ws) -> {
				for (int i = 0; i < 100; i++) {
					ws.send(RawWebSocket.PONG, new byte[0]);
				}
			}, 100);
		}

		private List<String> controlMessages() {
			List<String> messages = new ArrayList<>(List.of("", " ", "{", "}", "[", "nul", "null", "true", "1", "\"s\"",
					"[]", "{}", "{\"level\":", "{\"level\":5}", "{\"level\":[\"error\"]}", "{\"level\":{\"x\":1}}",
					"{\"level\":null}", "{\"search\":{\"x\":1}}", "{\"search\":[1,2]}", "{\"search\":1e999}",
					"{\"search\":\"" + "x".repeat(60_000) + "\"}", "{\"level\":\"" + "e".repeat(10_000) + "\"}",
					"{\"level\":\"error\",\"unknown\":{\"a\":[1]}}", "{\"level\":\"\\u0000\"}",
					"{\"search\":\"\\ud800\"}", "[".repeat(30_000), "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000),
					"9".repeat(5000), "{\"level\":\"error\",\"level\":\"warn\"}", "{'level':'error'}", "{level:error}",
					"{\"level\":\"error\",}", "\uFEFF{\"level\":\"error\"}", "{\"type\":\"reset\"}",
					"{\"type\":\"filters\",\"level\":1}", "{\"since\":\"-1\"}", "{\"level\":\"<script>\"}",
					"{\"search\":\"' OR 1=1 --\"}", "{\"level\":\"error\"}garbage", "\"\\x41\""));
			for (int i = 0; i < 20; i++) {
				byte[] bytes = new byte[1 + this.random.nextInt(200)];
				for (int j = 0; j < bytes.length; j++) {
					bytes[j] = (byte) (0x20 + this.random.nextInt(0x5F));
				}
				messages.add(new String(bytes, StandardCharsets.US_ASCII));
			}
			return messages;
		}

		private void expectClose(String path, String category, List<Integer> expected, Sender sender, int inputs)
				throws Exception {
			int number = ++this.caseNumber;
			try (RawWebSocket ws = open(path)) {
				try {
					sender.send(ws);
				}
				catch (java.io.IOException ex) {
					// The server closed while we were still sending: its close frame says
					// why.
				}
				List<String> texts = new ArrayList<>();
				int code = ws.awaitClose(WAIT, texts);
				TALLY.closeCodes.computeIfAbsent(code, (k) -> new AtomicInteger()).incrementAndGet();
				if (code == RawWebSocket.NO_CLOSE_FRAME && (category.equals("ws-protocol")
						|| category.equals("ws-invalid-utf8") || category.equals("ws-too-big"))) {
					// Tomcat sends its close frame and drops the socket at once; with our
					// frames still unread
					// (or an oversized one still being sent), the reset can overtake the
					// close frame. Counted
					// and reported, the server checked after.
					TALLY.dropped.incrementAndGet();
				}
				else if (!expected.contains(code)) {
					TALLY.fail("WS " + path + " [" + category + " case " + number + "] -> close code " + code
							+ ", expected one of " + expected);
				}
				checkTexts(path, category, texts);
			}
			TALLY.webSocket(category, inputs);
		}

		private void expectAlive(String path, String category, Sender sender, int inputs) throws Exception {
			int number = ++this.caseNumber;
			try (RawWebSocket ws = open(path)) {
				sender.send(ws);
				List<String> texts = new ArrayList<>();
				int code = RawWebSocket.ALIVE;
				if (path.equals("/api/admin/logs/stream")) {
					// The log stream answers filter messages on its delivery thread,
					// possibly after a pong has
					// left: the acknowledgement of one more filter shows every earlier
					// answer was written.
					ws.sendText("{\"search\":\"fuzz-sync\"}");
					code = ws.awaitText(WAIT, (text) -> text.contains("\"search\":\"fuzz-sync\""), texts);
				}
				if (code == RawWebSocket.ALIVE) {
					code = ws.pingPong(WAIT, texts);
				}
				if (code != RawWebSocket.ALIVE) {
					TALLY.closeCodes.computeIfAbsent(code, (k) -> new AtomicInteger()).incrementAndGet();
					if (!PROPER.contains(code)) {
						TALLY.fail("WS " + path + " [" + category + " case " + number + "] -> neither alive nor closed"
								+ " with a proper code: "
								+ ((code == RawWebSocket.STILL_OPEN) ? "no pong within " + WAIT : code));
					}
				}
				checkTexts(path, category, texts);
			}
			TALLY.webSocket(category, inputs);
		}

		private void checkTexts(String path, String category, List<String> texts) {
			for (String text : texts) {
				String leak = leak(text);
				if (leak != null && !text.startsWith("{\"type\":\"log\"")) {
					TALLY.fail("WS " + path + " [" + category + "] -> frame shows \"" + leak + "\": "
							+ abbreviate(text, 200));
				}
			}
		}

		private RawWebSocket open(String path) throws Exception {
			RawWebSocket ws = RawWebSocket.connect(FuzzIntegrationTests.this.port, path,
					List.<String[]>of(h("Cookie", this.cookie)));
			assertThat(ws.status()).as("upgrade of %s", path).isEqualTo(101);
			return ws;
		}

		private String[] h(String name, String value) {
			return new String[] { name, value };
		}

		private String describe(List<String[]> headers) {
			StringBuilder text = new StringBuilder();
			for (String[] header : headers) {
				text.append(" | ")
					.append(header[0])
					.append(": ")
					.append((header[1] != null) ? abbreviate(header[1], 60) : "<none>");
			}
			return text.toString();
		}

		private Map<String, List<String>> headersOf(String head) {
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (String line : head.split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0) {
					headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(), (k) -> new ArrayList<>())
						.add(line.substring(colon + 1).trim());
				}
			}
			return headers;
		}

	}

	@FunctionalInterface
	private interface Sender {

		void send(RawWebSocket ws) throws Exception;

	}

}
