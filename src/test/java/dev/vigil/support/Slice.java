package dev.vigil.support;

import java.util.Map;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import dev.vigil.auth.CurrentAdmin;
import dev.vigil.auth.Role;
import dev.vigil.auth.Scopes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/** Requests and assertions for {@link ControllerSlice} tests. */
public final class Slice {

	/** The signed-in admin of {@link #as(Role)}. */
	public static final long ADMIN_ID = 7;

	public static final String SESSION_ID = "slice-session";

	private Slice() {
	}

	/**
	 * Signed in as admin {@link #ADMIN_ID} of a role, with the scopes its access token
	 * would carry (the cookie and its filter are for the full-server tests).
	 */
	public static RequestPostProcessor as(Role role) {
		CurrentAdmin admin = new CurrentAdmin(ADMIN_ID, SESSION_ID, role.id(), role.scopes(), null);
		var authorities = role.scopes().stream().map(Scopes::authority).map(SimpleGrantedAuthority::new).toList();
		return authentication(UsernamePasswordAuthenticationToken.authenticated(admin, null, authorities));
	}

	/**
	 * A JSON request signed in as admin {@link #ADMIN_ID} of a role, with a valid CSRF
	 * token.
	 */
	public static MvcTestResult json(MockMvcTester mvc, HttpMethod method, String uri, Role role, String body) {
		return mvc.method(method)
			.uri(uri)
			.with(as(role))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();
	}

	/** The ProblemDetail of the wire contract, with the message in detail and error. */
	public static void assertProblem(MvcTestResult result, int status, String message) {
		var body = assertThat(result).hasStatus(status)
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson();
		body.extractingPath("$.status").isEqualTo(status);
		body.extractingPath("$.detail").isEqualTo(message);
		body.extractingPath("$.error").isEqualTo(message);
	}

	/** A 422 naming exactly one field. */
	public static void assertInvalid(MvcTestResult result, String field, String message) {
		assertProblem(result, 422, "validation failed");
		assertThat(result).bodyJson().extractingPath("$.fields").isEqualTo(Map.of(field, message));
	}

}
