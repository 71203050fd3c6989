package dev.vigil.web.fuzz;

import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.core.ResolvableType;

import dev.vigil.web.fuzz.HttpCase.Auth;
import dev.vigil.web.fuzz.Route.Param;

/**
 * Every malformed HTTP input for a set of routes: hostile path variables, query
 * parameters, JSON fields and bodies, content types, headers, cookies, methods, broken
 * request lines and randomly mutated valid requests. All randomness comes from the seeded
 * {@code random}, so a run can be replayed.
 */
final class HttpCases {

	static final List<String> UNSAFE = List.of("POST", "PUT", "DELETE", "PATCH");

	/**
	 * Headers, cookies and undeclared parameters are read by filters alike on every path:
	 * each path gets this share of them (drawn by the seed), which keeps the run within a
	 * minute.
	 */
	private static final int SAMPLED_PERCENT = 35;

	private static final Pattern VARIABLE = Pattern.compile("\\{\\*?([^}:]+)(:[^}]*)?}");

	private final List<Route> routes;

	private final Fixtures fixtures;

	private final Random random;

	private final List<HttpCase> cases = new ArrayList<>();

	private final List<String> cookies;

	HttpCases(List<Route> routes, Fixtures fixtures, List<String> forgedTokens, Random random) {
		this.routes = routes;
		this.fixtures = fixtures;
		this.random = random;
		this.cookies = FuzzInputs.cookies(forgedTokens);
	}

	List<HttpCase> all() {
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
		add("query", route, base + "?" + query("\u0000name") + "=1&" + query("x".repeat(2000)) + "=1", validBody(route),
				List.of(), Auth.ROOT);
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
		this.cases.add(new HttpCase("json-body", route.method(), target,
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
				List.<String[]>of(new String[] { "Content-Type", "application/x-www-form-urlencoded; charset=nope" }),
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
				this.cases.add(HttpCase.of("method", method, target(route, Map.of()), List.of(), null, Auth.ROOT));
			}
		}
	}

	private void rawRequests() {
		for (String request : FuzzInputs.rawRequests()) {
			// Half-closed, so that an incomplete request ends instead of keeping the
			// server waiting.
			this.cases.add(new HttpCase("request-line", null, null, List.of(), null, Auth.CASE, true,
					request.getBytes(StandardCharsets.ISO_8859_1), 0, 0));
		}
	}

	/**
	 * Valid requests of random routes with random bytes changed anywhere (request line,
	 * headers, body).
	 */
	private void mutations(int count) {
		for (int i = 0; i < count; i++) {
			Route route = this.routes.get(this.random.nextInt(this.routes.size()));
			byte[] body = validBody(route);
			List<String[]> headers = (body != null)
					? List.<String[]>of(new String[] { "Content-Type", "application/json" }) : List.of();
			// Half-closed: a mutated Content-Length must not leave the server waiting
			// for bytes that never come.
			this.cases.add(new HttpCase("mutated", route.method(), target(route, Map.of()), headers, body, Auth.ROOT,
					true, null, 1 + this.random.nextInt(4), this.random.nextLong()));
		}
	}

	private void add(String category, Route route, String target, byte[] body, List<String[]> headers, Auth auth) {
		List<String[]> all = new ArrayList<>(headers);
		if (body != null && headers.stream().noneMatch((h) -> h[0].equalsIgnoreCase("Content-Type"))
				&& !category.equals("json-content-type")) {
			all.add(new String[] { "Content-Type", "application/json" });
		}
		this.cases.add(HttpCase.of(category, route.method(), target, all, body, auth));
	}

	private byte[] validBody(Route route) {
		return (route.body() != null) ? FuzzInputs.utf8(object(baseFields(route.body()))) : null;
	}

	/**
	 * The pattern with its variables filled: given (already encoded) values, else valid
	 * samples.
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
				value = pathSegment(this.fixtures.sample(route.pattern(), param.type()));
			}
			matcher.appendReplacement(target, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(target);
		return target.toString();
	}

	/**
	 * Plausible values for the body's fields, so that a single hostile field is what gets
	 * tested.
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
				fields.put(name, Long.toString(this.fixtures.rootId));
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

}
