package dev.vigil.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /api/docs} as a client generator reads it: valid OpenAPI, and for every
 * operation (whichever controller added it) a tag, a readable unique operationId, typed
 * bodies, ProblemDetail errors and the security its path has. The JSON the server
 * actually answers is checked against the documented schemas.
 */
@VigilIntegrationTest
class OpenApiDocumentIntegrationTests {

	private static final Pattern OPERATION_ID = Pattern.compile("[a-z][A-Za-z0-9]*");

	private static final Pattern PROPERTY_NAME = Pattern.compile("[a-z0-9][a-z0-9_]*");

	private static final String PROBLEM_REF = "#/components/schemas/ProblemDetail";

	private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

	@LocalServerPort
	int port;

	private JsonNode json;

	private OpenAPI openApi;

	@BeforeEach
	void fetchAndParse() {
		VigilClient.Response docs = new VigilClient(this.port).get("/api/docs").assertStatus(200);
		this.json = docs.json();
		try {
			java.nio.file.Files.writeString(java.nio.file.Path.of("target/openapi.json"), docs.body());
		}
		catch (Exception ex) {
		}
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		SwaggerParseResult result = new OpenAPIV3Parser().readContents(docs.body(), null, options);
		assertThat(result.getMessages()).as("parser messages").isEmpty();
		this.openApi = result.getOpenAPI();
		assertThat(this.openApi).isNotNull();
	}

	@Test
	void describesVigilWithItsBuildVersion() {
		assertThat(this.openApi.getInfo().getTitle()).isEqualTo("Vigil API");
		assertThat(this.openApi.getInfo().getVersion()).isNotBlank().isNotEqualTo("v0");
		assertThat(this.openApi.getInfo().getDescription()).contains("application/problem+json", "WebSocket");
		assertThat(this.openApi.getPaths()).containsKeys("/api/admin/auth/login", "/api/health",
				"/api/admin/notifications/stream");
		assertThat(this.openApi.getPaths().keySet()).noneMatch((path) -> path.equals("/error")
				|| path.startsWith("/actuator") || (path.length() > 1 && path.endsWith("/")));
	}

	@Test
	void everyOperationIsTaggedNamedAndTyped() {
		SoftAssertions softly = new SoftAssertions();
		Set<String> ids = new HashSet<>();
		Set<String> declaredTags = new HashSet<>();
		this.openApi.getTags().forEach((tag) -> declaredTags.add(tag.getName()));
		forEachOperation((path, method, operation) -> {
			String name = method + " " + path;
			softly.assertThat(operation.getTags()).as("tags of %s", name).isNotEmpty();
			if (operation.getTags() != null) {
				softly.assertThat(declaredTags).as("declared tags").containsAll(operation.getTags());
			}
			softly.assertThat(operation.getOperationId()).as("operationId of %s", name).matches(OPERATION_ID);
			softly.assertThat(ids.add(operation.getOperationId()))
				.as("operationId %s of %s is unique", operation.getOperationId(), name)
				.isTrue();
			softly.assertThat(operation.getResponses().keySet())
				.as("responses of %s", name)
				.anyMatch((code) -> code.startsWith("2"));
			if (operation.getRequestBody() != null) {
				operation.getRequestBody()
					.getContent()
					.forEach((type, media) -> checkBody(softly, name + " request", type, media));
			}
			operation.getResponses().forEach((code, response) -> {
				if (response.getContent() != null) {
					response.getContent().forEach((type, media) -> checkBody(softly, name + " " + code, type, media));
				}
			});
			if (path.endsWith("/stream") || path.endsWith("/sse")) {
				softly.assertThat(operation.getResponses().get("200").getContent())
					.as("%s is an event stream", name)
					.containsOnlyKeys("text/event-stream");
			}
		});
		softly.assertAll();
	}

	@Test
	void everyOperationDocumentsItsProblems() {
		SoftAssertions softly = new SoftAssertions();
		forEachOperation((path, method, operation) -> {
			String name = method + " " + path;
			Set<String> expected = new HashSet<>(Set.of("400"));
			if (isProtected(path)) {
				expected.addAll(Set.of("401", "403"));
			}
			if (path.contains("{")) {
				expected.add("404");
			}
			softly.assertThat(operation.getResponses().keySet())
				.as("error responses of %s", name)
				.containsAll(expected);
			operation.getResponses().forEach((code, response) -> {
				if (code.startsWith("4")) {
					softly.assertThat(problemRef(response)).as("%s %s body", name, code).isEqualTo(PROBLEM_REF);
				}
			});
		});
		softly.assertAll();
		JsonNode problem = this.json.at("/components/schemas/ProblemDetail/properties");
		for (String property : List.of("type", "title", "status", "detail", "instance", "error", "fields")) {
			assertThat(problem.has(property)).as("ProblemDetail.%s", property).isTrue();
		}
	}

	@Test
	void everyOperationRequiresTheSchemeOfItsPath() {
		Map<String, SecurityScheme> schemes = this.openApi.getComponents().getSecuritySchemes();
		assertThat(schemes.get("cookieAuth").getIn()).isEqualTo(SecurityScheme.In.COOKIE);
		assertThat(schemes.get("cookieAuth").getName()).isEqualTo("access_token");
		assertThat(schemes.get("csrfToken").getIn()).isEqualTo(SecurityScheme.In.HEADER);
		assertThat(schemes.get("csrfToken").getName()).isEqualTo("X-XSRF-TOKEN");
		assertThat(schemes.get("bearerAuth").getType()).isEqualTo(SecurityScheme.Type.HTTP);
		assertThat(schemes.get("bearerAuth").getScheme()).isEqualTo("bearer");
		SoftAssertions softly = new SoftAssertions();
		forEachOperation((path, method, operation) -> {
			String name = method + " " + path;
			List<SecurityRequirement> security = (operation.getSecurity() != null) ? operation.getSecurity()
					: List.of();
			if (path.startsWith("/api/v1/")) {
				softly.assertThat(security)
					.as("security of %s", name)
					.isNotEmpty()
					.allMatch((requirement) -> requirement.containsKey("bearerAuth")
							&& !requirement.containsKey("cookieAuth"));
			}
			else if (isProtected(path)) {
				softly.assertThat(security)
					.as("security of %s", name)
					.isNotEmpty()
					.allMatch((requirement) -> requirement.containsKey("cookieAuth")
							&& requirement.containsKey("csrfToken") == UNSAFE.contains(method));
			}
			else if (!path.startsWith("/api/admin/auth")) {
				softly.assertThat(security).as("security of public %s", name).isEmpty();
			}
		});
		softly.assertAll();
		assertThat(this.openApi.getPaths().get("/api/admin/auth/login").getPost().getSecurity()).isEmpty();
		assertThat(this.openApi.getPaths().get("/api/health").getGet().getSecurity()).isEmpty();
	}

	@Test
	void schemasNamePropertiesAsTheWireDoesAndEveryReferenceResolves() {
		Set<String> schemas = new HashSet<>();
		this.json.get("components").get("schemas").propertyNames().forEach(schemas::add);
		List<String> problems = new ArrayList<>();
		walk(this.json, "", (pointer, node) -> {
			if (node.has("$ref") && node.get("$ref").isString()) {
				String ref = node.get("$ref").asString();
				if (!ref.startsWith("#/components/schemas/")
						|| !schemas.contains(ref.substring("#/components/schemas/".length()))) {
					problems.add(pointer + ": unresolved " + ref);
				}
			}
			if (pointer.startsWith("/components/schemas/") && node.has("properties")
					&& node.get("properties").isObject()) {
				node.get("properties").propertyNames().forEach((property) -> {
					if (!PROPERTY_NAME.matcher(property).matches()) {
						problems.add(pointer + ": property " + property + " is not snake_case");
					}
				});
			}
		});
		assertThat(problems).isEmpty();
	}

	/**
	 * Every JSON GET under {@code /api} that needs no parameter and no API key, called as
	 * root: each field of the answer is one its schema declares, with the documented JSON
	 * type, and each required one is there.
	 */
	@Test
	void answersMatchTheirSchemas() {
		VigilClient root = VigilClient.root(this.port);
		root.post("/api/admin/notifications/send", Map.of("all", true, "title", "schema check")).assertStatus(201);
		List<String> problems = new ArrayList<>();
		List<String> checked = new ArrayList<>();
		forEachOperation((path, method, operation) -> {
			boolean needsParameters = path.contains("{") || (operation.getParameters() != null
					&& operation.getParameters().stream().anyMatch((p) -> Boolean.TRUE.equals(p.getRequired())));
			ApiResponse ok = operation.getResponses().get("200");
			if (!method.equals("GET") || needsParameters || ok == null || ok.getContent() == null
					|| !ok.getContent().containsKey("application/json") || !path.startsWith("/api/")
					|| path.startsWith("/api/v1/")) {
				return;
			}
			String pointer = "/paths/" + path.replace("~", "~0").replace("/", "~1") + "/get/responses/200/content/"
					+ "application~1json/schema";
			VigilClient.Response response = root.get(path);
			if (response.status() != 200) {
				// a feature not set up here (its errors are checked by its own tests)
				return;
			}
			conforms(response.json(), this.json.at(pointer), path, problems, 0);
			checked.add(path);
		});
		assertThat(checked).contains("/api/admin/admins", "/api/admin/dashboard", "/api/health");
		assertThat(problems).isEmpty();
	}

	private void conforms(JsonNode value, JsonNode schema, String where, List<String> problems, int depth) {
		if (depth > 8 || schema.isMissingNode()) {
			return;
		}
		if (schema.has("$ref")) {
			conforms(value, this.json.at(schema.get("$ref").asString().substring(1)), where, problems, depth + 1);
			return;
		}
		if (value.isNull()) {
			return;
		}
		JsonNode types = schema.get("type");
		if (types != null) {
			Set<String> allowed = new HashSet<>();
			if (types.isArray()) {
				types.forEach((type) -> allowed.add(type.asString()));
			}
			else {
				allowed.add(types.asString());
			}
			String actual = value.isObject() ? "object" : value.isArray() ? "array" : value.isString() ? "string"
					: value.isIntegralNumber() ? "integer" : value.isNumber() ? "number" : "boolean";
			if (!allowed.contains(actual) && !(actual.equals("integer") && allowed.contains("number"))) {
				problems.add(where + ": " + actual + " where the schema says " + allowed);
				return;
			}
		}
		if (value.isObject() && schema.has("required")) {
			schema.get("required").forEach((name) -> {
				if (!value.has(name.asString())) {
					problems.add(where + "." + name.asString() + ": required but absent");
				}
			});
		}
		if (value.isObject() && schema.has("properties")) {
			JsonNode properties = schema.get("properties");
			for (String field : value.propertyNames()) {
				if (!properties.has(field)) {
					if (!schema.has("additionalProperties")) {
						problems.add(where + "." + field + ": not in the schema");
					}
					continue;
				}
				conforms(value.get(field), properties.get(field), where + "." + field, problems, depth + 1);
			}
		}
		if (value.isArray() && schema.has("items")) {
			for (int i = 0; i < Math.min(3, value.size()); i++) {
				conforms(value.get(i), schema.get("items"), where + "[" + i + "]", problems, depth + 1);
			}
		}
	}

	private static boolean isProtected(String path) {
		return (path.startsWith("/api/admin/") && !path.startsWith("/api/admin/auth/")
				&& !path.equals("/api/admin/auth")) || path.startsWith("/api/v1/");
	}

	private static void checkBody(SoftAssertions softly, String name, String type, MediaType media) {
		softly.assertThat(type).as("media type of %s", name).isNotEqualTo("*/*");
		if (type.equals("application/json") || type.endsWith("+json")) {
			softly.assertThat(media.getSchema()).as("schema of %s", name).isNotNull();
		}
	}

	private static String problemRef(ApiResponse response) {
		if (response.getContent() == null || !response.getContent().containsKey("application/problem+json")) {
			return null;
		}
		return response.getContent().get("application/problem+json").getSchema().get$ref();
	}

	private void forEachOperation(OperationVisitor visitor) {
		this.openApi.getPaths()
			.forEach((path, item) -> item.readOperationsMap()
				.forEach((method, operation) -> visitor.visit(path, method.name(), operation)));
	}

	private static void walk(JsonNode node, String pointer, NodeVisitor visitor) {
		if (node.isObject()) {
			visitor.visit(pointer, node);
			for (String name : node.propertyNames()) {
				walk(node.get(name), pointer + "/" + name.replace("~", "~0").replace("/", "~1"), visitor);
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				walk(node.get(i), pointer + "/" + i, visitor);
			}
		}
	}

	@FunctionalInterface
	private interface OperationVisitor {

		void visit(String path, String method, Operation operation);

	}

	@FunctionalInterface
	private interface NodeVisitor {

		void visit(String pointer, JsonNode node);

	}

}
