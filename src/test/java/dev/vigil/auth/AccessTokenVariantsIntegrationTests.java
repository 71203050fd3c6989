package dev.vigil.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.storage.DataDirectory;
import dev.vigil.support.Tokens;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;
import dev.vigil.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad access token, on a REST read, a REST write and every live stream over
 * SSE and WebSocket: each is refused with 401 and the reason (the WebSocket upgrade is
 * refused before it happens), never a 500 and never a stream. The forged tokens carry the
 * claims of a live session of a real admin, so only the forgery itself can be why they
 * fail.
 */
@VigilIntegrationTest
class AccessTokenVariantsIntegrationTests {

	static final List<String> REST_READ = List.of("/api/admin/profile");

	static final List<String> REST_WRITE = List.of("/api/admin/notifications/read-all");

	static final List<String> SSE = List.of("/api/admin/notifications/stream", "/api/admin/notifications/sse",
			"/api/admin/logs/stream", "/api/admin/logs/sse", "/api/admin/dashboard/stream");

	static final List<String> WS = List.of("/api/admin/notifications/stream", "/api/admin/logs/stream",
			"/api/admin/dashboard/stream");

	@LocalServerPort
	int port;

	@Autowired
	DataDirectory dataDirectory;

	/**
	 * A variant: the access cookie's value (null: no cookie at all) and the 401 message
	 * it earns.
	 */
	record Variant(String name, String token, String message) {
	}

	@Test
	void everyBadAccessTokenIsRefusedOnRestAndOnEveryStreamTransport() throws Exception {
		VigilClient real = VigilClient.withNewAdmin(this.port, "admin");
		// The real token still works: the forgeries below fail for what they are, not for
		// a dead session.
		real.get("/api/admin/profile").assertStatus(200);
		List<Variant> variants = variants(real.cookie("access_token"));

		Map<String, Map<String, Integer>> results = new LinkedHashMap<>();
		for (Variant variant : variants) {
			Map<String, Integer> row = new TreeMap<>();
			for (String path : REST_READ) {
				row.put("GET " + path, client(variant, real).get(path).assertProblem(401, variant.message()).status());
			}
			for (String path : REST_WRITE) {
				row.put("POST " + path,
						client(variant, real).post(path, null).assertProblem(401, variant.message()).status());
			}
			for (String path : SSE) {
				// A refused stream has a finite body; an opened one would hang here and
				// fail on the client's timeout.
				VigilClient.Response response = client(variant, real).send("GET", path, null,
						Map.of("Accept", "text/event-stream"));
				row.put("SSE " + path, response.assertProblem(401, variant.message()).status());
			}
			for (String path : WS) {
				int status = WsClient.refusedStatus(client(variant, real), path, Map.of());
				assertThat(status).as("%s: upgrade of %s", variant.name(), path).isEqualTo(401);
				row.put("WS " + path, status);
			}
			results.put(variant.name(), row);
		}
		// Nothing above hurt the real session.
		real.get("/api/admin/profile").assertStatus(200);
		results.forEach((variant, row) -> System.out.printf("access token variant %-28s %s%n", variant, row));
	}

	private List<Variant> variants(String valid) throws Exception {
		String[] parts = valid.split("\\.");
		SecretKey serverKey = Tokens.serverKey(this.dataDirectory.root());
		Claims claims = Jwts.parser().verifyWith(serverKey).build().parseSignedClaims(valid).getPayload();
		byte[] otherKey = new byte[32];
		new SecureRandom().nextBytes(otherKey);
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
		assertThat(payload).contains("\"role\":\"admin\"").doesNotContain("scopes");

		String expired = Jwts.builder()
			.claims(claims)
			.issuedAt(Date.from(Instant.now().minusSeconds(600)))
			.expiration(Date.from(Instant.now().minusSeconds(300)))
			.signWith(serverKey, Jwts.SIG.HS256)
			.compact();
		// Privilege escalation: the same session claiming the superadmin role, signature
		// kept.
		String tampered = parts[0] + "."
				+ Tokens.base64url(payload.replace("\"role\":\"admin\"", "\"role\":\"superadmin\"")) + "." + parts[2];
		// A token from before roles were data: scopes, no role. Refused; the client
		// refreshes.
		Map<String, Object> withoutRole = new HashMap<>(claims);
		withoutRole.remove("role");
		String scopesOnly = Jwts.builder()
			.claims(withoutRole)
			.claim("scopes", List.of(Scopes.ADMINS))
			.signWith(serverKey, Jwts.SIG.HS256)
			.compact();
		String algNone = Tokens.base64url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
		String algNoneSigned = Tokens.base64url("{\"alg\":\"none\"}") + "." + parts[1] + "." + parts[2];
		String wrongKey = Jwts.builder()
			.claims(claims)
			.signWith(Keys.hmacShaKeyFor(otherKey), Jwts.SIG.HS256)
			.compact();
		// Signed with the right key (a leaked key is game over anyway), yet malformed:
		// must still be a 401, not a 500.
		String badClaims = Jwts.builder()
			.subject("not-a-number")
			.claim("sid", 42)
			.claim("scopes", "admin:admins")
			.expiration(Date.from(Instant.now().plusSeconds(60)))
			.signWith(serverKey, Jwts.SIG.HS256)
			.compact();
		String unknownSession = Jwts.builder()
			.claims(claims)
			.claim("sid", "0".repeat(32))
			.signWith(serverKey, Jwts.SIG.HS256)
			.compact();

		return List.of(new Variant("missing", null, "authentication required"),
				new Variant("empty", "", "authentication required"), new Variant("expired", expired, "token expired"),
				new Variant("tampered payload", tampered, "invalid token"),
				new Variant("alg=none", algNone, "invalid token"),
				new Variant("alg=none, signature kept", algNoneSigned, "invalid token"),
				new Variant("wrong key", wrongKey, "invalid token"),
				new Variant("garbage", "not-a-jwt", "invalid token"),
				new Variant("garbage, three parts", "eyJhbGciOiJIUzI1NiJ9.e30.invalid", "invalid token"),
				new Variant("right key, malformed claims", badClaims, "invalid token"),
				new Variant("right key, scopes instead of a role", scopesOnly, "invalid token"),
				new Variant("right key, unknown session", unknownSession, "session revoked"));
	}

	/**
	 * A browser with only this access cookie, and a CSRF pair so that writes reach the
	 * authorization check.
	 */
	private VigilClient client(Variant variant, VigilClient real) {
		VigilClient client = new VigilClient(this.port);
		if (variant.token() != null) {
			client.setCookie("access_token", variant.token(), "/api");
		}
		client.setCookie("XSRF-TOKEN", real.cookie("XSRF-TOKEN"), "/");
		return client;
	}

}
