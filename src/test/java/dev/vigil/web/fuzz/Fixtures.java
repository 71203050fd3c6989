package dev.vigil.web.fuzz;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import tools.jackson.databind.JsonNode;

import dev.vigil.storage.DataDirectory;
import dev.vigil.support.Tokens;
import dev.vigil.support.VigilClient;

/** What exists on the server under test, for valid parts of fuzzed requests. */
final class Fixtures {

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
	 * Access tokens signed with the server's own key but with broken claims, plus foreign
	 * and unsigned ones.
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
		tokens.add(
				Jwts.builder().claim("sid", "x").claim("scopes", List.of()).expiration(future).signWith(key).compact());
		tokens.add(Jwts.builder().subject("1").claim("scopes", List.of()).expiration(future).signWith(key).compact());
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
			.claim("scopes", Arrays.asList(null, 1, Map.of("a", 1)))
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
