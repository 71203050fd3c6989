package dev.vigil.web;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI document at {@code /api/docs}, shaped for client generators: the schemas
 * name properties as the wire does (snake_case) and never collide, every operation has a
 * feature tag, a readable unique operationId, typed responses and its ProblemDetail
 * errors, and says how it authenticates. Everything is derived from the handlers and
 * their paths, so a new controller is documented the same way without annotations.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String PROBLEM = "ProblemDetail";

	static final String COOKIE = "cookieAuth";

	static final String CSRF = "csrfToken";

	static final String REFRESH = "refreshCookie";

	static final String BEARER = "bearerAuth";

	static final String PROBLEM_JSON = "application/problem+json";

	static final String EVENT_STREAM = "text/event-stream";

	/**
	 * Public under {@code /api/admin}: the security chain permits these (login, refresh,
	 * logout) without an access token.
	 */
	private static final String PUBLIC_ADMIN = "/api/admin/auth/**";

	private static final String APP_PACKAGE = "dev.vigil.";

	private static final AntPathMatcher PATHS = new AntPathMatcher();

	private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

	/** What each feature tag groups; a tag not listed here goes without a description. */
	private static final Map<String, String> TAG_DESCRIPTIONS = Map.ofEntries(
			Map.entry("admins", "Admin accounts and the signed-in admin's profile"),
			Map.entry("alerts", "Alert rules on the logs: state, mute, firing history"),
			Map.entry("audit", "The audit log of every change"),
			Map.entry("auth", "Login, refresh and logout; sessions; API keys"),
			Map.entry("dashboard", "Server metrics: snapshot, history and live stream"),
			Map.entry("email", "Outgoing email"), Map.entry("jobs", "The job queue and the recurring jobs"),
			Map.entry("logs", "Log files, history and the live log"),
			Map.entry("notifications", "The caller's notifications, their live stream, and sending"),
			Map.entry("storage", "Database backups"), Map.entry("web", "Health"),
			Map.entry("webhooks", "Outgoing webhooks"));

	private static final String DESCRIPTION = """
			The HTTP API of Vigil, a self-hosted admin server.

			**Authentication.** `/api/admin/**` is the admin panel's API: `POST /api/admin/auth/login` sets \
			the `access_token` (HttpOnly, 5 minutes) and `refresh_token` cookies; `GET /api/admin/auth` \
			rotates them. Every unsafe request except login must echo the `XSRF-TOKEN` cookie in the \
			`X-XSRF-TOKEN` header. `/api/v1/**` is the machine API: an API key (`vgl_…`) as \
			`Authorization: Bearer`, no cookies, no CSRF token.

			**Errors.** Every error is an RFC 9457 problem (`application/problem+json`) with the message \
			also in `error`; validation failures are 422 with `fields: {name: message}`.

			**Streams.** Paths ending in `/stream` serve a WebSocket when the request is an upgrade and \
			Server-Sent Events otherwise; `/sse` paths serve SSE only. Resume with `Last-Event-ID` or \
			`?since=<cursor>`.

			**Conventions.** JSON in snake_case; lists are `{"<key>": [...], "total": n}` with \
			`limit`/`offset`/`sort`/`order`; timestamps are ISO-8601 instants.""";

	/**
	 * Swagger's schema reader with the wire's property naming (it introspects with its
	 * own Jackson 2 mapper, which does not see Spring's Jackson 3 settings) and
	 * collision-free names. Same class as springdoc's default reader, which it replaces;
	 * ordered first so springdoc's other converters still run before it.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	ModelResolver openApiModelResolver(
			@Value("${spring.jackson.property-naming-strategy:}") String propertyNamingStrategy) {
		ObjectMapper mapper = Json31.mapper().copy();
		if (propertyNamingStrategy.equalsIgnoreCase("SNAKE_CASE")) {
			mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
		}
		// Any JSON value, not the properties of Jackson's tree type.
		SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new JsonSchema());
		return new ModelResolver(mapper, new NestedTypeNames()).openapi31(true);
	}

	/**
	 * Ahead of every other converter: what a record's nullness annotations say, which
	 * swagger-core does not read.
	 */
	@Bean
	ModelConverter recordNullness() {
		return new RecordNullness();
	}

	@Bean
	OperationCustomizer vigilOperations() {
		return OpenApiConfiguration::fromHandler;
	}

	@Bean
	OpenApiCustomizer vigilOpenApi(ObjectProvider<BuildProperties> build) {
		String version = version(build.getIfAvailable());
		return (openApi) -> document(openApi, version);
	}

	private static String version(@Nullable BuildProperties build) {
		if (build != null && build.getVersion() != null) {
			return build.getVersion();
		}
		String manifest = OpenApiConfiguration.class.getPackage().getImplementationVersion();
		return (manifest != null) ? manifest : "dev";
	}

	/** What only the handler method tells: tag, operationId, non-JSON bodies. */
	private static Operation fromHandler(Operation operation, HandlerMethod handler) {
		Class<?> controller = handler.getBeanType();
		String controllerName = controller.getSimpleName().replaceFirst("Controller$", "");
		if (controller.getPackageName().startsWith(APP_PACKAGE)) {
			String module = controller.getPackageName().substring(APP_PACKAGE.length()).split("\\.")[0];
			operation.setTags(new ArrayList<>(List.of(module)));
		}
		String method = handler.getMethod().getName();
		operation.setOperationId(method.toLowerCase(Locale.ROOT).contains(controllerName.toLowerCase(Locale.ROOT))
				? method : method + controllerName);
		Class<?> body = bodyType(handler);
		if (body == byte[].class || Resource.class.isAssignableFrom(body)) {
			String type = mappedPaths(handler).stream().anyMatch((path) -> path.endsWith("/export")) ? "text/csv"
					: org.springframework.http.MediaType.APPLICATION_OCTET_STREAM_VALUE;
			successResponses(operation).forEach(
					(response) -> response.content(new Content().addMediaType(type, new MediaType().schema(binary()))));
		}
		return operation;
	}

	private static Class<?> bodyType(HandlerMethod handler) {
		ResolvableType type = ResolvableType.forMethodReturnType(handler.getMethod());
		if (ResponseEntity.class.isAssignableFrom(type.toClass())) {
			type = type.getGeneric(0);
		}
		return type.toClass();
	}

	private static List<String> mappedPaths(HandlerMethod handler) {
		List<String> paths = new ArrayList<>();
		RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequestMapping.class);
		RequestMapping method = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
		String[] prefixes = (type != null && type.path().length > 0) ? type.path() : new String[] { "" };
		String[] suffixes = (method != null && method.path().length > 0) ? method.path() : new String[] { "" };
		for (String prefix : prefixes) {
			for (String suffix : suffixes) {
				paths.add(prefix + suffix);
			}
		}
		return paths;
	}

	/** What the path tells: security, streams, errors; then the document as a whole. */
	private static void document(OpenAPI openApi, String version) {
		openApi.info(new Info().title("Vigil API").version(version).description(DESCRIPTION));
		// Relative to where the document was fetched: behind a proxy the request's own
		// URL
		// is not the public one.
		openApi.servers(new ArrayList<>(List.of(new Server().url("/").description("this server"))));
		Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
		openApi.components(components);
		components.addSchemas(PROBLEM, problemSchema());
		components.addSecuritySchemes(COOKIE,
				new SecurityScheme().type(SecurityScheme.Type.APIKEY)
					.in(SecurityScheme.In.COOKIE)
					.name("access_token")
					.description("The HttpOnly access token cookie set by login and refresh."));
		components.addSecuritySchemes(CSRF,
				new SecurityScheme().type(SecurityScheme.Type.APIKEY)
					.in(SecurityScheme.In.HEADER)
					.name("X-XSRF-TOKEN")
					.description("The value of the XSRF-TOKEN cookie, required on every unsafe request (POST, PUT, "
							+ "PATCH, DELETE) under /api/admin except login."));
		components.addSecuritySchemes(REFRESH,
				new SecurityScheme().type(SecurityScheme.Type.APIKEY)
					.in(SecurityScheme.In.COOKIE)
					.name("refresh_token")
					.description("The HttpOnly refresh token cookie (path /api/admin/auth), rotated on use."));
		components.addSecuritySchemes(BEARER,
				new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.bearerFormat("vgl_…")
					.description("An API key, for /api/v1 only."));
		if (openApi.getPaths() == null) {
			return;
		}
		removeTrailingSlashAliases(openApi);
		Set<String> operationIds = new HashSet<>();
		Set<String> tags = new TreeSet<>();
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			document(path, method.name(), operation);
			uniqueOperationId(operation, method.name(), operationIds);
			if (operation.getTags() != null) {
				tags.addAll(operation.getTags());
			}
		}));
		openApi
			.tags(tags.stream().map((name) -> new Tag().name(name).description(TAG_DESCRIPTIONS.get(name))).toList());
	}

	private static void document(String path, String method, Operation operation) {
		boolean unsafe = UNSAFE.contains(method);
		if (path.startsWith("/api/v1/")) {
			operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
			// Handlers serve the admin and the machine path alike: one operationId each.
			String id = operation.getOperationId();
			if (id != null && !id.startsWith("v1")) {
				operation.setOperationId("v1" + Character.toUpperCase(id.charAt(0)) + id.substring(1));
			}
		}
		else if (path.startsWith("/api/admin/") && !PATHS.match(PUBLIC_ADMIN, path)) {
			SecurityRequirement cookie = new SecurityRequirement().addList(COOKIE);
			operation.setSecurity(List.of(unsafe ? cookie.addList(CSRF) : cookie));
		}
		else if (path.equals("/api/admin/auth") && method.equals("GET")) {
			operation.setSecurity(List.of(new SecurityRequirement().addList(REFRESH)));
		}
		else if (path.startsWith("/api/admin/") && unsafe && !path.equals("/api/admin/auth/login")) {
			operation.setSecurity(List.of(new SecurityRequirement().addList(CSRF)));
		}
		else {
			operation.setSecurity(List.of());
		}
		if (method.equals("GET") && (path.endsWith("/stream") || path.endsWith("/sse"))) {
			stream(path, operation);
		}
		errors(path, method, operation);
	}

	/**
	 * A live stream: SSE as documented here; a WebSocket upgrade on {@code /stream},
	 * which OpenAPI cannot describe.
	 */
	private static void stream(String path, Operation operation) {
		String transports = path.endsWith("/stream")
				? "WebSocket when the request is an upgrade (`Connection: Upgrade`, `Upgrade: websocket`: text "
						+ "frames, one JSON object each), Server-Sent Events otherwise."
				: "Server-Sent Events only.";
		operation.setDescription(((operation.getDescription() != null) ? operation.getDescription() + "\n\n" : "")
				+ "A live stream: " + transports + " Each SSE event has `event:`, `data:` (one JSON object) "
				+ "and, where the stream can resume, `id:`.");
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		operation.setResponses(responses);
		responses.remove("200");
		responses.addApiResponse("200",
				new ApiResponse().description("The event stream; it stays open.")
					.content(new Content().addMediaType(EVENT_STREAM,
							new MediaType().schema(new JsonSchema().types(Set.of("string"))))));
		List<Parameter> parameters = (operation.getParameters() != null) ? new ArrayList<>(operation.getParameters())
				: new ArrayList<>();
		if (parameters.stream().noneMatch((p) -> "since".equals(p.getName()))) {
			parameters.add(new Parameter().name("since")
				.in("query")
				.required(false)
				.description("Resume after this cursor (the `id` of the last event received).")
				.schema(new JsonSchema().types(Set.of("string"))));
		}
		parameters.add(new Parameter().name("Last-Event-ID")
			.in("header")
			.required(false)
			.description("Resume after this cursor; what browsers send when they reconnect.")
			.schema(new JsonSchema().types(Set.of("string"))));
		operation.setParameters(parameters);
	}

	/**
	 * The problems an operation can answer with: every request can be malformed; a
	 * protected one can lack credentials or permissions; a path with an id can name
	 * nothing; a body can fail validation; auth is rate limited. 4xx responses that are
	 * documented already keep their description but get the problem body. (A handler that
	 * declares an error with {@code @ApiResponse} declares its 2xx too: springdoc then
	 * stops adding the default one.)
	 */
	private static void errors(String path, String method, Operation operation) {
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		operation.setResponses(responses);
		Set<Integer> codes = new TreeSet<>();
		codes.add(400);
		boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
		if (secured && !path.startsWith("/api/admin/auth")) {
			codes.add(401);
			codes.add(403);
		}
		else if (secured) {
			// the public auth endpoints: a missing or invalid refresh token, a missing
			// CSRF token
			codes.add(path.equals("/api/admin/auth") ? 401 : 403);
		}
		if (path.equals("/api/admin/auth/login")) {
			codes.add(401);
		}
		if (path.contains("{")) {
			codes.add(404);
		}
		if (operation.getRequestBody() != null) {
			codes.add(413);
			codes.add(422);
		}
		if (PATHS.match(PUBLIC_ADMIN, path) || path.equals("/api/admin/auth") || path.startsWith("/api/v1/")) {
			codes.add(429);
		}
		for (int code : codes) {
			String key = Integer.toString(code);
			if (!responses.containsKey(key)) {
				responses.addApiResponse(key, new ApiResponse().description(describe(code)));
			}
		}
		responses.forEach((key, response) -> {
			if (key.startsWith("4")) {
				response.content(new Content().addMediaType(PROBLEM_JSON,
						new MediaType().schema(new JsonSchema().$ref("#/components/schemas/" + PROBLEM))));
			}
		});
	}

	private static String describe(int code) {
		return switch (code) {
			case 400 -> "Malformed request: an invalid parameter or body";
			case 401 -> "Not authenticated: no valid credentials";
			case 403 -> "Not allowed: a scope is missing, or the CSRF token";
			case 404 -> "Not found";
			case 413 -> "Request body too large";
			case 422 -> "Validation failed: the message of each invalid field in `fields`";
			case 429 -> "Too many requests (per client address on auth, per key on /api/v1): see `Retry-After`";
			default -> HttpStatus.valueOf(code).getReasonPhrase();
		};
	}

	/** A path served with and without a trailing slash is documented once, without it. */
	private static void removeTrailingSlashAliases(OpenAPI openApi) {
		List<String> aliases = openApi.getPaths()
			.keySet()
			.stream()
			.filter((path) -> path.length() > 1 && path.endsWith("/")
					&& openApi.getPaths().containsKey(path.substring(0, path.length() - 1)))
			.toList();
		aliases.forEach(openApi.getPaths()::remove);
	}

	/**
	 * One handler mapped to several methods (or a collision between controllers) gets the
	 * method as a suffix rather than a number.
	 */
	private static void uniqueOperationId(Operation operation, String method, Set<String> seen) {
		String id = operation.getOperationId();
		if (id == null) {
			return;
		}
		if (!seen.add(id)) {
			String suffixed = id + method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT);
			operation.setOperationId(suffixed);
			seen.add(suffixed);
		}
	}

	private static List<ApiResponse> successResponses(Operation operation) {
		if (operation.getResponses() == null) {
			return List.of();
		}
		return operation.getResponses()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith("2"))
			.map(Map.Entry::getValue)
			.toList();
	}

	private static Schema<?> binary() {
		return new JsonSchema().types(Set.of("string")).format("binary");
	}

	/** The error shape as {@link Problems} and {@link ApiExceptionHandler} write it. */
	private static Schema<?> problemSchema() {
		Map<String, Schema> properties = new LinkedHashMap<>();
		properties.put("type", string("A URI reference identifying the problem type; `about:blank` when none")
			.format("uri-reference"));
		properties.put("title", string("The status's reason phrase"));
		properties.put("status",
				new JsonSchema().types(Set.of("integer")).format("int32").description("The HTTP status"));
		properties.put("detail", string("What went wrong, for the user"));
		properties.put("instance", string("The request path").format("uri-reference"));
		properties.put("error", string("The same message as `detail` (what reference clients read)"));
		properties.put("fields",
				new JsonSchema().types(Set.of("object"))
					.additionalProperties(string(null))
					.description("On 422: the message of each invalid field, by its snake_case name"));
		return new JsonSchema().types(Set.of("object"))
			.description("An RFC 9457 problem, served as application/problem+json")
			.properties(properties)
			.required(List.of("title", "status"));
	}

	private static Schema<?> string(@Nullable String description) {
		Schema<?> schema = new JsonSchema().types(Set.of("string"));
		return (description != null) ? schema.description(description) : schema;
	}

	/**
	 * In our records (all {@code @NullMarked}), a component without {@code @Nullable} is
	 * always in the JSON: required; one with it may be null: {@code "null"} joins its
	 * types. Generators then type the first as present and the second as optional.
	 */
	static final class RecordNullness implements ModelConverter {

		@Override
		public @Nullable Schema resolve(AnnotatedType type, ModelConverterContext context,
				Iterator<ModelConverter> chain) {
			if (!chain.hasNext()) {
				return null;
			}
			Schema<?> schema = chain.next().resolve(type, context, chain);
			Class<?> raw = rawClass(type.getType());
			if (schema == null || raw == null || !raw.isRecord() || !raw.getPackageName().startsWith(APP_PACKAGE)) {
				return schema;
			}
			Schema<?> model = schema;
			if (schema.get$ref() != null) {
				String ref = schema.get$ref();
				model = context.getDefinedModels().get(ref.substring(ref.lastIndexOf('/') + 1));
			}
			if (model != null && model.getProperties() != null) {
				describeNullness(raw, model);
			}
			return schema;
		}

		private static void describeNullness(Class<?> record, Schema<?> model) {
			Map<String, Schema> properties = model.getProperties();
			List<String> required = (model.getRequired() != null) ? new ArrayList<>(model.getRequired())
					: new ArrayList<>();
			for (RecordComponent component : record.getRecordComponents()) {
				String name = jsonName(component, properties.keySet());
				if (name == null) {
					continue;
				}
				if (component.getAccessor().isAnnotationPresent(JsonRawValue.class) && !component.getAccessor()
					.isAnnotationPresent(io.swagger.v3.oas.annotations.media.Schema.class)) {
					// JSON embedded as it is: any value, whatever the Java type holding
					// it
					properties.put(name, new JsonSchema().description(properties.get(name).getDescription()));
				}
				JsonInclude include = component.getAccessor().getAnnotation(JsonInclude.class);
				if (include != null && include.value() != JsonInclude.Include.ALWAYS) {
					// Left out of the JSON when empty (or null): never required.
					continue;
				}
				if (!component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
					if (!required.contains(name)) {
						required.add(name);
					}
					continue;
				}
				// (still required when validation requires it: the client must send it)
				Schema<?> property = properties.get(name);
				if (property.get$ref() == null && property.getTypes() != null
						&& !property.getTypes().contains("null")) {
					Set<String> types = new LinkedHashSet<>(property.getTypes());
					types.add("null");
					property.setTypes(types);
				}
			}
			model.setRequired(required.isEmpty() ? null : required);
		}

		private static @Nullable String jsonName(RecordComponent component, Set<String> names) {
			JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
			if (renamed == null) {
				renamed = component.getAnnotation(JsonProperty.class);
			}
			String snake = component.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
			for (String candidate : new String[] { (renamed != null) ? renamed.value() : null, snake,
					component.getName() }) {
				if (candidate != null && names.contains(candidate)) {
					return candidate;
				}
			}
			return null;
		}

		private static @Nullable Class<?> rawClass(Type type) {
			if (type instanceof Class<?> c) {
				return c;
			}
			if (type instanceof JavaType javaType) {
				return javaType.getRawClass();
			}
			if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> c) {
				return c;
			}
			return null;
		}

	}

	/**
	 * Simple class names, except that a nested type is named after its enclosing types
	 * ({@code AdminsController.Page} is {@code AdminsPage},
	 * {@code ProfileController.ProfileUpdate} stays {@code ProfileUpdate}): controllers
	 * each declare their own {@code Page} or {@code AdminView}, and same-named schemas
	 * would overwrite each other.
	 */
	static final class NestedTypeNames extends TypeNameResolver {

		@Override
		protected String getNameOfClass(Class<?> type) {
			Class<?> enclosing = type.getEnclosingClass();
			if (enclosing == null || !type.getPackageName().startsWith(APP_PACKAGE)) {
				return super.getNameOfClass(type);
			}
			String outer = getNameOfClass(enclosing).replaceFirst("Controller$", "");
			return type.getSimpleName().startsWith(outer) ? type.getSimpleName() : outer + type.getSimpleName();
		}

	}

}
