package dev.vigil.auth;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import dev.vigil.support.RawWebSocket;
import dev.vigil.support.SseClient;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every route the running server maps — controllers, actuator, API docs, static and
 * SPA handlers, and the live streams over SSE and WebSocket — anonymously, as each role,
 * and without a CSRF token, against the explicit {@link #POLICY} below. A mapped route
 * without an entry fails the test: a new route cannot ship without a decision on who may
 * call it.
 */
@VigilIntegrationTest
class RouteAccessIntegrationTests {

	/**
	 * Who may call a route; the roles are spelled out here rather than derived from
	 * {@link Role}, so that widening a role's scopes also fails this test.
	 */
	enum Access {

		/** Anyone, signed in or not. */
		PUBLIC(Role.VIEWER, Role.ADMIN, Role.SUPERADMIN),

		/**
		 * Every signed-in admin: own profile, own notifications, dashboard, logs (viewer
		 * has {@code admin:logs}).
		 */
		ANY_ROLE(Role.VIEWER, Role.ADMIN, Role.SUPERADMIN),

		/**
		 * Scopes {@code admin:sessions}, {@code admin:audit}, {@code admin:jobs},
		 * {@code admin:notifications}, {@code admin:alerts}.
		 */
		ADMIN(Role.ADMIN, Role.SUPERADMIN),

		/**
		 * Scopes {@code admin:admins}, {@code admin:backups}, {@code admin:api-keys},
		 * {@code admin:webhooks}, {@code admin:database}, {@code admin:roles}.
		 */
		SUPERADMIN(Role.SUPERADMIN),

		/** The machine API: an API key with this scope, never a signed-in admin. */
		KEY_NOTIFICATIONS_SEND("notifications:send"), KEY_NOTIFICATIONS_READ("notifications:read"),
		KEY_LOGS_READ("logs:read"), KEY_DASHBOARD_READ("dashboard:read");

		private final Set<Role> roles;

		private final String keyScope;

		Access(Role... roles) {
			this.roles = Set.of(roles);
			this.keyScope = null;
		}

		Access(String keyScope) {
			this.roles = Set.of();
			this.keyScope = keyScope;
		}

		boolean machine() {
			return this.keyScope != null;
		}

		boolean allows(Role role) {
			return this.roles.contains(role);
		}

	}

	/**
	 * How a GET route answers: plain HTTP, a Server-Sent Events stream, or both SSE and a
	 * WebSocket upgrade.
	 */
	enum Kind {

		REST, SSE, SSE_AND_WS

	}

	/**
	 * One route's policy. {@code path} is the request made for it (path variables filled
	 * with plausible ids that do not exist, so that no walk changes data);
	 * {@code anonymousStatus} is set where a public route answers an anonymous caller
	 * with a fixed status of its own.
	 */
	record Rule(String method, String pattern, Access access, Kind kind, String path, Integer anonymousStatus,
			boolean endsSession, boolean csrfExempt) {

		String key() {
			return this.method + " " + this.pattern;
		}

		boolean unsafe() {
			return !this.method.equals("GET");
		}

		/**
		 * The method actually sent; a mapping without a method condition is walked with
		 * GET (and POST for CSRF).
		 */
		String sentMethod() {
			return this.method.equals("*") ? "GET" : this.method;
		}

		Rule path(String path) {
			return new Rule(this.method, this.pattern, this.access, this.kind, path, this.anonymousStatus,
					this.endsSession, this.csrfExempt);
		}

		Rule anonymous(int status) {
			return new Rule(this.method, this.pattern, this.access, this.kind, this.path, status, this.endsSession,
					this.csrfExempt);
		}

		Rule endingTheSession() {
			return new Rule(this.method, this.pattern, this.access, this.kind, this.path, this.anonymousStatus, true,
					this.csrfExempt);
		}

		Rule exemptFromCsrf() {
			return new Rule(this.method, this.pattern, this.access, this.kind, this.path, this.anonymousStatus,
					this.endsSession, true);
		}

		Rule kind(Kind kind) {
			return new Rule(this.method, this.pattern, this.access, kind, this.path, this.anonymousStatus,
					this.endsSession, this.csrfExempt);
		}

	}

	static Rule rule(String method, String pattern, Access access) {
		return new Rule(method, pattern, access, Kind.REST, fill(pattern), null, false, false);
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Public routes that act on a pending sign-in (a password passed, its second factor
	 * not yet): a signed-in caller has none either, and is answered like an anonymous
	 * one.
	 */
	static final Set<String> PENDING_SIGN_IN = Set.of("POST /api/admin/auth/second-factor",
			"POST /api/admin/auth/second-factor/enrol", "POST /api/admin/auth/second-factor/enrol/confirm");

	static final String NO_ID = "999999999";

	static final String NO_UUID = "7b1f6a0e-0000-4000-8000-000000000000";

	/**
	 * The decision for every mapped route, from {@code SecurityConfiguration} (the
	 * chain's matchers), {@code Role} and {@code Scopes}, and the controllers' own
	 * checks.
	 */
	static final List<Rule> POLICY = List.of(
			// auth: public by design; status answers 401 without a refresh cookie, login
			// needs no CSRF token
			rule("POST", "/api/admin/auth/login", Access.PUBLIC).exemptFromCsrf(),
			rule("GET", "/api/admin/auth", Access.PUBLIC).anonymous(401),
			rule("GET", "/api/admin/auth/", Access.PUBLIC).anonymous(401),
			rule("POST", "/api/admin/auth/logout", Access.PUBLIC).endingTheSession(),
			// which sign-in methods the login page offers (single sign-on's own routes
			// are filters of its chain, not mapped routes)
			rule("GET", "/api/admin/auth/methods", Access.PUBLIC),
			// the second step of a password sign-in: only with a pending sign-in's cookie
			// (PENDING_SIGN_IN), which no walker has
			rule("POST", "/api/admin/auth/second-factor", Access.PUBLIC).anonymous(422),
			rule("POST", "/api/admin/auth/second-factor/enrol", Access.PUBLIC).anonymous(401),
			rule("POST", "/api/admin/auth/second-factor/enrol/confirm", Access.PUBLIC).anonymous(422),
			// own second factor: every role; who must have one, and resets: admin:admins
			rule("GET", "/api/admin/second-factor", Access.ANY_ROLE),
			rule("POST", "/api/admin/second-factor/enrol", Access.ANY_ROLE),
			rule("POST", "/api/admin/second-factor/enrol/confirm", Access.ANY_ROLE),
			rule("POST", "/api/admin/second-factor/recovery-codes", Access.ANY_ROLE),
			rule("POST", "/api/admin/second-factor/disable", Access.ANY_ROLE),
			rule("GET", "/api/admin/second-factor/policy", Access.SUPERADMIN),
			rule("PUT", "/api/admin/second-factor/policy", Access.SUPERADMIN),
			rule("GET", "/api/admin/second-factor/admins", Access.SUPERADMIN),
			rule("DELETE", "/api/admin/second-factor/admins/{id}", Access.SUPERADMIN),
			// own profile and sessions: every role
			rule("GET", "/api/admin/profile", Access.ANY_ROLE), rule("PUT", "/api/admin/profile", Access.ANY_ROLE),
			rule("PUT", "/api/admin/profile/password", Access.ANY_ROLE),
			rule("GET", "/api/admin/profile/sessions", Access.ANY_ROLE),
			rule("DELETE", "/api/admin/profile/sessions/{id}", Access.ANY_ROLE),
			// own delivery channels (email preferences, test mail, deliveries): every
			// role
			rule("GET", "/api/admin/profile/channels", Access.ANY_ROLE),
			rule("PUT", "/api/admin/profile/channels", Access.ANY_ROLE),
			rule("POST", "/api/admin/profile/channels/email/test", Access.ANY_ROLE),
			rule("GET", "/api/admin/profile/channels/email/deliveries", Access.ANY_ROLE),
			// every admin's sessions: admin:sessions
			rule("GET", "/api/admin/sessions", Access.ADMIN), rule("DELETE", "/api/admin/sessions/{id}", Access.ADMIN),
			rule("POST", "/api/admin/sessions/bulk-revoke", Access.ADMIN),
			// admin accounts: admin:admins
			rule("GET", "/api/admin/admins", Access.SUPERADMIN), rule("POST", "/api/admin/admins", Access.SUPERADMIN),
			rule("GET", "/api/admin/admins/{id}", Access.SUPERADMIN),
			rule("PUT", "/api/admin/admins/{id}", Access.SUPERADMIN),
			rule("DELETE", "/api/admin/admins/{id}", Access.SUPERADMIN),
			rule("POST", "/api/admin/admins/bulk-delete", Access.SUPERADMIN),
			rule("GET", "/api/admin/admins/export", Access.SUPERADMIN),
			// audit log: admin:audit
			rule("GET", "/api/admin/audit", Access.ADMIN), rule("GET", "/api/admin/audit/export", Access.ADMIN),
			rule("GET", "/api/admin/audit/sinks", Access.ADMIN),
			// own notifications: every role; sending: admin:notifications
			rule("GET", "/api/admin/notifications", Access.ANY_ROLE),
			rule("GET", "/api/admin/notifications/unread-count", Access.ANY_ROLE),
			rule("POST", "/api/admin/notifications/{id}/read", Access.ANY_ROLE),
			rule("POST", "/api/admin/notifications/read-all", Access.ANY_ROLE),
			rule("DELETE", "/api/admin/notifications/{id}", Access.ANY_ROLE),
			rule("POST", "/api/admin/notifications/bulk-delete", Access.ANY_ROLE),
			rule("GET", "/api/admin/notifications/export", Access.ANY_ROLE),
			rule("POST", "/api/admin/notifications/send", Access.ADMIN),
			rule("GET", "/api/admin/notifications/stream", Access.ANY_ROLE).kind(Kind.SSE_AND_WS),
			rule("GET", "/api/admin/notifications/sse", Access.ANY_ROLE).kind(Kind.SSE),
			// logs: admin:logs, which every role has
			rule("GET", "/api/admin/logs", Access.ANY_ROLE), rule("GET", "/api/admin/logs/files", Access.ANY_ROLE),
			rule("GET", "/api/admin/logs/sources", Access.ANY_ROLE),
			rule("GET", "/api/admin/logs/files/{name}", Access.ANY_ROLE)
				.path("/api/admin/logs/files/vigil-2000-01-01.0.log"),
			rule("GET", "/api/admin/logs/stream", Access.ANY_ROLE).kind(Kind.SSE_AND_WS),
			rule("GET", "/api/admin/logs/sse", Access.ANY_ROLE).kind(Kind.SSE),
			// log alert rules: admin:alerts
			rule("GET", "/api/admin/alerts", Access.ADMIN), rule("POST", "/api/admin/alerts", Access.ADMIN),
			rule("GET", "/api/admin/alerts/{id}", Access.ADMIN), rule("PUT", "/api/admin/alerts/{id}", Access.ADMIN),
			rule("DELETE", "/api/admin/alerts/{id}", Access.ADMIN),
			rule("POST", "/api/admin/alerts/{id}/mute", Access.ADMIN),
			rule("DELETE", "/api/admin/alerts/{id}/mute", Access.ADMIN),
			rule("GET", "/api/admin/alerts/{id}/firings", Access.ADMIN),
			rule("GET", "/api/admin/logs/context", Access.ANY_ROLE),
			rule("GET", "/api/admin/logs/seek", Access.ANY_ROLE),
			rule("GET", "/api/admin/logs/export", Access.ANY_ROLE),
			rule("GET", "/api/admin/logs/rate", Access.ANY_ROLE),
			// logger levels: admin:log-levels
			rule("GET", "/api/admin/log-levels", Access.SUPERADMIN),
			rule("PUT", "/api/admin/log-levels/{name}", Access.SUPERADMIN).path("/api/admin/log-levels/dev.vigil.nope"),
			rule("DELETE", "/api/admin/log-levels/{name}", Access.SUPERADMIN)
				.path("/api/admin/log-levels/dev.vigil.nope"),
			// dashboard: every role
			rule("GET", "/api/admin/dashboard", Access.ANY_ROLE),
			rule("GET", "/api/admin/dashboard/history", Access.ANY_ROLE),
			rule("GET", "/api/admin/dashboard/online", Access.ANY_ROLE),
			rule("GET", "/api/admin/dashboard/stream", Access.ANY_ROLE).kind(Kind.SSE_AND_WS),
			// the live instances (dashboard and log viewer): every role
			rule("GET", "/api/admin/instances", Access.ANY_ROLE),
			// jobs: admin:jobs (the audit export also needs admin:audit, checked by the
			// controller)
			rule("GET", "/api/admin/queue/stats", Access.ADMIN), rule("GET", "/api/admin/queue/jobs", Access.ADMIN),
			rule("POST", "/api/admin/queue/jobs/{id}/retry", Access.ADMIN)
				.path("/api/admin/queue/jobs/" + NO_UUID + "/retry"),
			rule("DELETE", "/api/admin/queue/jobs/{id}", Access.ADMIN).path("/api/admin/queue/jobs/" + NO_UUID),
			rule("POST", "/api/admin/queue/jobs/bulk-retry", Access.ADMIN),
			rule("POST", "/api/admin/queue/jobs/bulk-delete", Access.ADMIN),
			rule("POST", "/api/admin/queue/exports/audit", Access.ADMIN),
			rule("GET", "/api/admin/queue/exports/{name}", Access.ADMIN)
				.path("/api/admin/queue/exports/audit-nope.csv"),
			rule("GET", "/api/admin/cron", Access.ADMIN),
			rule("POST", "/api/admin/cron/{name}/trigger", Access.ADMIN).path("/api/admin/cron/nope/trigger"),
			rule("POST", "/api/admin/cron/{name}/pause", Access.ADMIN).path("/api/admin/cron/nope/pause"),
			rule("POST", "/api/admin/cron/{name}/resume", Access.ADMIN).path("/api/admin/cron/nope/resume"),
			rule("GET", "/api/admin/cron/{name}/runs", Access.ADMIN).path("/api/admin/cron/nope/runs"),
			rule("GET", "/api/admin/queue/jobs/{id}", Access.ADMIN).path("/api/admin/queue/jobs/" + NO_UUID),
			// backups: admin:backups
			rule("GET", "/api/admin/backups", Access.SUPERADMIN), rule("POST", "/api/admin/backups", Access.SUPERADMIN),
			rule("GET", "/api/admin/backups/{name}", Access.SUPERADMIN).path("/api/admin/backups/vigil-nope.db"),
			rule("DELETE", "/api/admin/backups/{name}", Access.SUPERADMIN).path("/api/admin/backups/vigil-nope.db"),
			// A restore of a backup that does not exist (404): a real one would end every
			// session.
			rule("POST", "/api/admin/backups/{name}/restore", Access.SUPERADMIN)
				.path("/api/admin/backups/vigil-nope.db/restore"),
			rule("POST", "/api/admin/backups/restore", Access.SUPERADMIN),
			// database health: admin:database (an empty body is a 422: no walk starts a
			// check)
			rule("GET", "/api/admin/database", Access.SUPERADMIN),
			rule("POST", "/api/admin/database/checks", Access.SUPERADMIN),
			// API keys: admin:api-keys
			rule("GET", "/api/admin/api-keys", Access.SUPERADMIN),
			rule("POST", "/api/admin/api-keys", Access.SUPERADMIN),
			rule("GET", "/api/admin/api-keys/scopes", Access.SUPERADMIN),
			rule("DELETE", "/api/admin/api-keys/{id}", Access.SUPERADMIN),
			// roles: admin:roles (a role that does not exist: no walk changes one)
			rule("GET", "/api/admin/roles", Access.SUPERADMIN), rule("POST", "/api/admin/roles", Access.SUPERADMIN),
			rule("GET", "/api/admin/roles/scopes", Access.SUPERADMIN),
			rule("PUT", "/api/admin/roles/{name}", Access.SUPERADMIN).path("/api/admin/roles/no-such-role"),
			rule("DELETE", "/api/admin/roles/{name}", Access.SUPERADMIN).path("/api/admin/roles/no-such-role"),
			// the machine API: API keys only (bearer, so no CSRF token), a key scope per
			// area
			rule("POST", "/api/v1/notifications", Access.KEY_NOTIFICATIONS_SEND).exemptFromCsrf(),
			rule("GET", "/api/v1/notifications/stream", Access.KEY_NOTIFICATIONS_READ).kind(Kind.SSE_AND_WS),
			rule("GET", "/api/v1/notifications/sse", Access.KEY_NOTIFICATIONS_READ).kind(Kind.SSE),
			rule("GET", "/api/v1/logs", Access.KEY_LOGS_READ), rule("GET", "/api/v1/logs/files", Access.KEY_LOGS_READ),
			rule("GET", "/api/v1/logs/sources", Access.KEY_LOGS_READ),
			rule("GET", "/api/v1/logs/files/{name}", Access.KEY_LOGS_READ)
				.path("/api/v1/logs/files/vigil-2000-01-01.0.log"),
			rule("GET", "/api/v1/logs/stream", Access.KEY_LOGS_READ).kind(Kind.SSE_AND_WS),
			rule("GET", "/api/v1/logs/sse", Access.KEY_LOGS_READ).kind(Kind.SSE),
			rule("GET", "/api/v1/logs/context", Access.KEY_LOGS_READ),
			rule("GET", "/api/v1/logs/seek", Access.KEY_LOGS_READ),
			rule("GET", "/api/v1/logs/export", Access.KEY_LOGS_READ),
			rule("GET", "/api/v1/logs/rate", Access.KEY_LOGS_READ),
			rule("GET", "/api/v1/dashboard", Access.KEY_DASHBOARD_READ),
			rule("GET", "/api/v1/dashboard/history", Access.KEY_DASHBOARD_READ),
			rule("GET", "/api/v1/dashboard/stream", Access.KEY_DASHBOARD_READ).kind(Kind.SSE_AND_WS),
			// webhooks: admin:webhooks
			rule("GET", "/api/admin/webhooks", Access.SUPERADMIN),
			rule("POST", "/api/admin/webhooks", Access.SUPERADMIN),
			rule("GET", "/api/admin/webhooks/options", Access.SUPERADMIN),
			rule("GET", "/api/admin/webhooks/{id}", Access.SUPERADMIN),
			rule("PUT", "/api/admin/webhooks/{id}", Access.SUPERADMIN),
			rule("DELETE", "/api/admin/webhooks/{id}", Access.SUPERADMIN),
			rule("POST", "/api/admin/webhooks/{id}/rotate-secret", Access.SUPERADMIN),
			rule("POST", "/api/admin/webhooks/{id}/enable", Access.SUPERADMIN),
			rule("POST", "/api/admin/webhooks/{id}/disable", Access.SUPERADMIN),
			rule("POST", "/api/admin/webhooks/{id}/test", Access.SUPERADMIN),
			rule("GET", "/api/admin/webhooks/{id}/deliveries", Access.SUPERADMIN),
			// outside /api/admin: health, errors, metrics (vigil.metrics.public defaults
			// to true), API docs
			rule("GET", "/api/health", Access.PUBLIC), rule("*", "/error", Access.PUBLIC),
			rule("GET", "/actuator", Access.PUBLIC), rule("GET", "/actuator/health", Access.PUBLIC),
			rule("GET", "/actuator/health/**", Access.PUBLIC).path("/actuator/health/db"),
			rule("GET", "/actuator/prometheus", Access.PUBLIC), rule("GET", "/api/docs", Access.PUBLIC),
			rule("GET", "/api/docs.yaml", Access.PUBLIC), rule("GET", "/api/docs/swagger-config", Access.PUBLIC),
			rule("GET", "/api/docs/ui.html", Access.PUBLIC),
			rule("GET", "/api/docs/swagger-ui/**", Access.PUBLIC).path("/api/docs/swagger-ui/index.html"),
			rule("GET", "/api/docs/swagger-ui/*swagger-initializer.js", Access.PUBLIC)
				.path("/api/docs/swagger-ui/swagger-initializer.js"),
			rule("GET", "/webjars/*swagger-ui/**", Access.PUBLIC).path("/webjars/swagger-ui/index.html"),
			rule("GET", "/webjars/*swagger-ui/*swagger-initializer.js", Access.PUBLIC)
				.path("/webjars/swagger-ui/swagger-initializer.js"),
			rule("GET", "/webjars/*swagger-ui/{version}/*swagger-initializer.js", Access.PUBLIC)
				.path("/webjars/swagger-ui/1.0.0/swagger-initializer.js"),
			// the SPA and static files: public, every API call the SPA makes is checked
			// on its own
			rule("GET", "/", Access.PUBLIC), rule("GET", "/admin", Access.PUBLIC),
			rule("GET", "/admin/", Access.PUBLIC),
			rule("GET", "/admin/assets/**", Access.PUBLIC).path("/admin/assets/nope.js"),
			rule("GET", "/admin/**", Access.PUBLIC).path("/admin/logs"),
			rule("GET", "/webjars/**", Access.PUBLIC).path("/webjars/nope.js"),
			rule("GET", "/**", Access.PUBLIC).path("/nope.txt"));

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	/**
	 * Statuses seen, per caller; the foreign-origin upgrades (all refused) are counted
	 * apart.
	 */
	private final Map<String, Map<Integer, Integer>> statuses = new LinkedHashMap<>();

	@Test
	void everyMappedRouteHasAnAccessDecisionAndTheServerEnforcesIt() throws IOException {
		Map<String, Rule> policy = POLICY.stream().collect(Collectors.toMap(Rule::key, Function.identity(), (a, b) -> {
			throw new AssertionError("two entries for " + a.key());
		}, LinkedHashMap::new));
		Set<String> mapped = mappedRoutes();
		assertThat(mapped.stream().filter((route) -> !policy.containsKey(route)).toList())
			.as("mapped routes without an entry in POLICY (decide who may call them)")
			.isEmpty();
		assertThat(policy.keySet().stream().filter((route) -> !mapped.contains(route)).toList())
			.as("POLICY entries for routes that are not mapped (stale)")
			.isEmpty();

		assertStreamKindsAreDeclared(policy.values());

		Map<String, Map<Integer, Integer>> statuses = this.statuses;
		int requests = walkAnonymously(policy.values(), counter(statuses, "anonymous"));
		Map<Role, String> emails = new EnumMap<>(Role.class);
		for (Role role : List.of(Role.VIEWER, Role.ADMIN, Role.SUPERADMIN)) {
			emails.put(role, newAdmin(role));
			requests += walkAs(role, emails.get(role), policy.values(), counter(statuses, role.id()));
		}
		// The same walk as roles you define: a custom role with a built-in role's scopes
		// is let through and refused exactly where that role is. Superadmin's scopes
		// include two no other role may hold.
		String suffix = Long.toString(System.nanoTime() % 100_000);
		VigilClient.root(this.port)
			.post("/api/admin/roles", Map.of("name", "walk-superadmin-" + suffix, "scopes", Role.SUPERADMIN.scopes()))
			.assertStatus(422);
		for (Role like : List.of(Role.VIEWER, Role.ADMIN)) {
			String custom = "walk-" + like.id() + "-" + suffix;
			VigilClient.root(this.port)
				.post("/api/admin/roles", Map.of("name", custom, "scopes", like.scopes()))
				.assertStatus(201);
			requests += walkAs(like, VigilClient.createAdmin(this.port, custom), policy.values(),
					counter(statuses, custom));
		}
		requests += walkWithKeys(policy.values(), counter(statuses, "api-keys"));
		requests += walkWithoutCsrf(policy.values(), emails.get(Role.SUPERADMIN), counter(statuses, "no-csrf"));
		requests += walkPathSpellings(policy.values(), emails.get(Role.VIEWER), counter(statuses, "path-spellings"));

		System.out.printf("route walk: %d routes (%d unsafe, %d streams), %d requests; statuses %s%n", policy.size(),
				policy.values().stream().filter(Rule::unsafe).count(),
				policy.values().stream().filter((r) -> r.kind() != Kind.REST).count(), requests, statuses);
	}

	/** Every (method, pattern) any handler mapping of the running server answers. */
	private Set<String> mappedRoutes() {
		Set<String> routes = new TreeSet<>();
		for (HandlerMapping mapping : this.context.getBeansOfType(HandlerMapping.class).values()) {
			if (mapping instanceof RequestMappingInfoHandlerMapping infos) {
				infos.getHandlerMethods().keySet().forEach((info) -> {
					Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
					for (String pattern : info.getPatternValues()) {
						if (methods.isEmpty()) {
							routes.add("* " + pattern);
						}
						methods.forEach((method) -> routes.add(method.name() + " " + pattern));
					}
				});
			}
			else if (mapping instanceof AbstractUrlHandlerMapping urls) {
				// Static resources and view controllers answer GET (and HEAD) only.
				// A library's version in a path (swagger-ui's webjar) is not a decision
				// to take again at each upgrade.
				urls.getHandlerMap()
					.keySet()
					.forEach((pattern) -> routes.add("GET " + pattern.replaceAll("/\\d+(\\.\\d+)+/", "/{version}/")));
				if (urls.getRootHandler() != null) {
					routes.add("GET /");
				}
			}
			else if (mapping instanceof RouterFunctionMapping functions) {
				assertThat(functions.getRouterFunction()).as("functional routes are not walked: add them here")
					.isNull();
			}
			else {
				throw new AssertionError("unknown kind of handler mapping, routes not walked: " + mapping.getClass());
			}
		}
		return routes;
	}

	/**
	 * Finds out from the server which GET routes stream (an SSE response, a WebSocket
	 * upgrade) and checks the policy says so: stream routes are walked with stream
	 * clients, and a new stream needs a decision. The probing client carries only the
	 * access cookie, so it rotates no refresh token.
	 */
	private void assertStreamKindsAreDeclared(Iterable<Rule> rules) throws IOException {
		VigilClient probe = new VigilClient(this.port);
		probe.setCookie("access_token", login(newAdmin(Role.SUPERADMIN)).cookie("access_token"), "/api");
		Map<String, String> allKeyScopes = bearer(
				newKey(List.of("notifications:send", "notifications:read", "logs:read", "dashboard:read")));
		for (Rule rule : rules) {
			if (!rule.sentMethod().equals("GET")) {
				continue;
			}
			Map<String, String> headers = rule.access().machine() ? allKeyScopes : Map.of();
			boolean sse;
			try (SseClient client = SseClient.open(probe, rule.path(), headers)) {
				sse = client.status() == 200
						&& String.valueOf(client.header("Content-Type")).startsWith("text/event-stream");
			}
			boolean ws = upgradeStatus(probe, rule.path(), headers) == 101;
			Kind found = ws ? Kind.SSE_AND_WS : (sse ? Kind.SSE : Kind.REST);
			assertThat(found).as("what %s serves", rule.key()).isEqualTo(rule.kind());
		}
	}

	private int walkAnonymously(Iterable<Rule> rules, Function<Integer, Integer> count) throws IOException {
		int requests = 0;
		for (Rule rule : rules) {
			// A token of its own making passes the double-submit check, so only the
			// authorization decision shows.
			VigilClient anonymous = new VigilClient(this.port);
			anonymous.setCookie("XSRF-TOKEN", "walk-" + UUID.randomUUID(), "/");
			for (Call call : calls(anonymous, rule)) {
				requests++;
				(call.what().startsWith("WS(foreign") ? counter(this.statuses, "ws-foreign-origin") : count)
					.apply(call.status());
				if (rule.access() == Access.PUBLIC) {
					if (rule.anonymousStatus() != null) {
						assertThat(call.status()).as("anonymous %s", call).isEqualTo(rule.anonymousStatus());
					}
					else {
						assertAllowed(call, "anonymous");
					}
				}
				else {
					assertThat(call.status()).as("anonymous %s", call).isEqualTo(401);
					call.assertProblem(rule.access().machine() ? "API key required: send it as Authorization: Bearer"
							: "authentication required");
				}
			}
		}
		return requests;
	}

	private int walkAs(Role role, String email, Iterable<Rule> rules, Function<Integer, Integer> count)
			throws IOException {
		int requests = 0;
		VigilClient client = login(email);
		for (Rule rule : rules) {
			VigilClient caller = rule.endsSession() ? login(email) : client;
			for (Call call : calls(caller, rule)) {
				requests++;
				(call.what().startsWith("WS(foreign") ? counter(this.statuses, "ws-foreign-origin") : count)
					.apply(call.status());
				if (PENDING_SIGN_IN.contains(rule.key())) {
					assertThat(call.status()).as("%s %s", role.id(), call).isEqualTo(rule.anonymousStatus());
				}
				else if (rule.access().allows(role)) {
					assertAllowed(call, role.id());
					cleanUp(client, rule, call);
				}
				else if (rule.access().machine()) {
					assertThat(call.status()).as("%s %s", role.id(), call).isEqualTo(401);
					call.assertProblem("cookies are not accepted on /api/v1: send an API key as Authorization: Bearer");
				}
				else {
					assertThat(call.status()).as("%s %s", role.id(), call).isEqualTo(403);
					call.assertProblem("insufficient permissions");
				}
			}
		}
		// The walk itself must not have ended the walker's session.
		client.get("/api/admin/profile").assertStatus(200);
		return requests;
	}

	/**
	 * Every route with a key of each key scope, and with no cookie: a machine route
	 * admits exactly the keys with its scope; a route of the admin API admits none.
	 */
	private int walkWithKeys(Iterable<Rule> rules, Function<Integer, Integer> count) throws IOException {
		int requests = 0;
		Map<String, Map<String, String>> keys = new LinkedHashMap<>();
		for (String scope : List.of("notifications:send", "notifications:read", "logs:read", "dashboard:read")) {
			keys.put(scope, bearer(newKey(List.of(scope))));
		}
		// A token of its own making passes the double-submit check on the admin API, so
		// only the authentication decision shows.
		VigilClient machine = new VigilClient(this.port);
		machine.setCookie("XSRF-TOKEN", "walk-" + UUID.randomUUID(), "/");
		for (Rule rule : rules) {
			for (Map.Entry<String, Map<String, String>> key : keys.entrySet()) {
				for (Call call : calls(machine, rule, key.getValue())) {
					requests++;
					count.apply(call.status());
					String who = "key " + key.getKey();
					if (!rule.access().machine()) {
						if (rule.access() == Access.PUBLIC) {
							continue;
						}
						assertThat(call.status()).as("%s %s", who, call).isEqualTo(401);
						call.assertProblem("API keys are accepted on /api/v1 only");
					}
					else if (key.getKey().equals(rule.access().keyScope)) {
						assertAllowed(call, who);
					}
					else {
						assertThat(call.status()).as("%s %s", who, call).isEqualTo(403);
						call.assertProblem("this API key lacks the scope this request needs");
					}
				}
			}
		}
		return requests;
	}

	private String newKey(List<String> scopes) {
		return VigilClient.root(this.port)
			.post("/api/admin/api-keys", Map.of("name", "route walk", "scopes", scopes))
			.assertStatus(201)
			.json()
			.get("secret")
			.asString();
	}

	private static Map<String, String> bearer(String key) {
		return Map.of("Authorization", "Bearer " + key);
	}

	/**
	 * Every unsafe route refuses a request without the CSRF header, or with a wrong one,
	 * before anything else.
	 */
	private int walkWithoutCsrf(Iterable<Rule> rules, String superadmin, Function<Integer, Integer> count) {
		int requests = 0;
		VigilClient signedIn = login(superadmin).withoutCsrf();
		for (Rule rule : rules) {
			if (!rule.unsafe()) {
				continue;
			}
			String method = rule.method().equals("*") ? "POST" : rule.method();
			VigilClient anonymous = new VigilClient(this.port).withoutCsrf();
			anonymous.setCookie("XSRF-TOKEN", "walk-" + UUID.randomUUID(), "/");
			List<VigilClient.Response> responses = List.of(signedIn.send(method, rule.path(), body(method), Map.of()),
					signedIn.send(method, rule.path(), body(method), Map.of("X-XSRF-TOKEN", "forged")),
					anonymous.send(method, rule.path(), body(method), Map.of()));
			for (VigilClient.Response response : responses) {
				requests++;
				count.apply(response.status());
				if (rule.csrfExempt()) {
					assertThat(response.status()).as("%s %s without CSRF (exempt)", method, rule.path())
						.isNotIn(403, 500);
				}
				else {
					response.assertProblem(403, "missing or invalid CSRF token");
				}
			}
		}
		signedIn.get("/api/admin/profile").assertStatus(200);
		return requests;
	}

	/**
	 * The chain and the dispatcher must agree on what a path is: {@code /api/%61dmin/...}
	 * is {@code /api/admin/...} to Spring MVC, so it must be guarded the same (or
	 * refused, or not found); likewise a trailing slash.
	 */
	private int walkPathSpellings(Iterable<Rule> rules, String viewerEmail, Function<Integer, Integer> count) {
		int requests = 0;
		VigilClient viewer = login(viewerEmail);
		for (Rule rule : rules) {
			if (rule.access() == Access.PUBLIC || !rule.path().startsWith("/api/admin/")) {
				continue;
			}
			String rest = rule.path().substring("/api/admin/".length());
			for (String spelling : List.of("/api/%61dmin/" + rest, "/%61pi/admin/" + rest, rule.path() + "/")) {
				VigilClient anonymous = new VigilClient(this.port);
				anonymous.setCookie("XSRF-TOKEN", "walk-" + UUID.randomUUID(), "/");
				VigilClient.Response response = anonymous.send(rule.sentMethod(), spelling, body(rule.sentMethod()),
						Map.of("Accept", "application/json"));
				requests++;
				count.apply(response.status());
				assertThat(response.status()).as("anonymous %s %s: %s", rule.sentMethod(), spelling, response.body())
					.isIn(400, 401, 404);
				if (!rule.access().allows(Role.VIEWER)) {
					response = viewer.send(rule.sentMethod(), spelling, body(rule.sentMethod()),
							Map.of("Accept", "application/json"));
					requests++;
					count.apply(response.status());
					assertThat(response.status()).as("viewer %s %s: %s", rule.sentMethod(), spelling, response.body())
						.isIn(400, 403, 404);
				}
			}
		}
		return requests;
	}

	/** One request of a walk: REST, an SSE open, or a WebSocket upgrade. */
	record Call(String what, int status, String body) {

		void assertProblem(String message) {
			if (this.body != null) {
				assertThat(this.body).as("body of %s", this.what)
					.contains("\"error\":\"" + message + "\"")
					.doesNotContain("Exception")
					.doesNotContain("\tat ");
			}
		}

		@Override
		public String toString() {
			return this.what + " -> " + this.status + ((this.body != null) ? " " + abbreviate(this.body) : "");
		}

		private static String abbreviate(String body) {
			return (body.length() <= 300) ? body : body.substring(0, 300) + "…";
		}

	}

	private List<Call> calls(VigilClient client, Rule rule) throws IOException {
		return calls(client, rule, Map.of());
	}

	private List<Call> calls(VigilClient client, Rule rule, Map<String, String> headers) throws IOException {
		List<Call> calls = new ArrayList<>();
		String method = rule.sentMethod();
		if (rule.kind() == Kind.REST) {
			VigilClient.Response response = client.send(method, rule.path(), body(method), headers);
			calls.add(new Call(method + " " + rule.path(), response.status(), response.body()));
			return calls;
		}
		int status;
		try (SseClient sse = SseClient.open(client, rule.path(), headers)) {
			status = sse.status();
		}
		// A refusal has a finite body: fetch it again to check the problem it carries.
		Map<String, String> sseHeaders = new LinkedHashMap<>(headers);
		sseHeaders.put("Accept", "text/event-stream");
		String body = (status == 401 || status == 403) ? client.send("GET", rule.path(), null, sseHeaders).body()
				: null;
		calls.add(new Call("SSE " + rule.path(), status, body));
		if (rule.kind() == Kind.SSE_AND_WS) {
			calls.add(new Call("WS " + rule.path(), upgradeStatus(client, rule.path(), headers), null));
			// A machine route takes no cookie, so a foreign page has nothing to ride on.
			if (client.cookie("access_token") != null && !rule.access().machine()) {
				// A signed-in browser tab on another site (or a sandboxed frame, or
				// another port) must not be
				// able to open the stream with the admin's cookies.
				URI base = URI.create(client.baseUrl());
				for (String origin : List.of("https://evil.example", "null",
						"http://localhost.evil.example:" + base.getPort(),
						"http://" + base.getHost() + ":" + (base.getPort() + 1),
						"https://" + base.getHost() + ":" + base.getPort())) {
					int foreign = upgradeStatus(client, rule.path(), Map.of("Origin", origin));
					calls.add(new Call("WS(foreign origin) " + rule.path(), foreign, null));
					assertThat(foreign).as("upgrade of %s from origin %s", rule.path(), origin).isEqualTo(403);
				}
				int sameOrigin = upgradeStatus(client, rule.path(), Map.of("Origin", client.baseUrl()));
				calls.add(new Call("WS(same origin) " + rule.path(), sameOrigin, null));
			}
		}
		return calls;
	}

	private static void assertAllowed(Call call, String who) {
		if (call.what().startsWith("WS(foreign")) {
			return;
		}
		assertThat(call.status()).as("%s %s", who, call).isNotIn(401, 403).isLessThan(500);
		if (call.what().startsWith("SSE")) {
			assertThat(call.status()).as("%s %s", who, call).isEqualTo(200);
		}
		if (call.what().startsWith("WS")) {
			assertThat(call.status()).as("%s %s", who, call).isEqualTo(101);
		}
	}

	/**
	 * Undoes what an allowed call created: no walk leaves a job queued or a backup behind
	 * for other tests.
	 */
	private static void cleanUp(VigilClient client, Rule rule, Call call) {
		if (call.status() >= 300 || call.body() == null || !call.body().startsWith("{")) {
			return;
		}
		// Only these answers are JSON documents to read (an export of JSON log lines is
		// not).
		if (rule.key().equals("POST /api/admin/queue/exports/audit")) {
			JsonNode json = JSON.readTree(call.body());
			client.delete("/api/admin/queue/jobs/" + json.get("job_id").asString()).assertStatus(200);
		}
		if (rule.key().equals("POST /api/admin/backups")) {
			JsonNode json = JSON.readTree(call.body());
			client.delete("/api/admin/backups/" + json.get("backup").get("name").asString()).assertStatus(200);
		}
	}

	private static Object body(String method) {
		return (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) ? "{}" : null;
	}

	private String newAdmin(Role role) {
		return VigilClient.createAdmin(this.port, role.id());
	}

	private VigilClient login(String email) {
		return VigilClient.loggedIn(this.port, email);
	}

	private static Function<Integer, Integer> counter(Map<String, Map<Integer, Integer>> statuses, String who) {
		Map<Integer, Integer> counts = statuses.computeIfAbsent(who, (k) -> new TreeMap<>());
		return (status) -> counts.merge(status, 1, Integer::sum);
	}

	/**
	 * Fills path variables and wildcards of a pattern that has no explicit request path.
	 */
	private static String fill(String pattern) {
		return pattern.replace("{id}", NO_ID).replace("/**", "/x");
	}

	/**
	 * The status of a WebSocket upgrade request with the client's cookies and no Origin
	 * unless given. Only the response head is read: an SSE-only route answers a refused
	 * upgrade with a stream.
	 */
	static int upgradeStatus(VigilClient client, String path, Map<String, String> headers) throws IOException {
		List<String[]> all = new ArrayList<>();
		all.add(new String[] { "Origin", null });
		String cookies = client.cookieHeader(URI.create(path).getPath());
		if (!cookies.isEmpty()) {
			all.add(new String[] { "Cookie", cookies });
		}
		headers.forEach((name, value) -> all.add(new String[] { name, value }));
		try (RawWebSocket ws = RawWebSocket.connect(URI.create(client.baseUrl()).getPort(), path, all)) {
			return ws.status();
		}
	}

}
