package dev.vigil.web.fuzz;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.SecretKey;

import io.jsonwebtoken.JwtBuilder;
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
		fixtures.victimId = root.addAdmin("viewer");
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
		if (pattern.endsWith("/restore")) {
			// A restore ends every session and rewinds the database under the other
			// cases: fuzzed against a backup that does not exist.
			return "vigil-20000101-000000-000.db";
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
		tokens.add(token(key, "abc", "x", List.of(), future));
		tokens.add(token(key, null, "x", List.of(), future));
		tokens.add(token(key, "1", null, List.of(), future));
		tokens.add(token(key, "1", "x", "admin:admins", future));
		tokens.add(token(key, "1", List.of(1, 2), List.of(), future));
		tokens.add(token(key, "99999999999999999999", "x", List.of(), future));
		tokens.add(token(key, "-1", "\u0000' OR 1=1 --", Arrays.asList(null, 1, Map.of("a", 1)), future));
		tokens.add(token(key, "1", "x".repeat(3000), List.of(), future));
		tokens.add(token(key, "1", "x", List.of(), Date.from(Instant.now().minusSeconds(60))));
		tokens.add(token(Keys.hmacShaKeyFor(new byte[32]), "1", "x", List.of(), future));
		String[] parts = tokens.get(0).split("\\.");
		tokens.add(Tokens.base64url("{\"alg\":\"none\"}") + "." + parts[1] + ".");
		tokens.add(Tokens.base64url("{\"alg\":\"HS512\"}") + "." + parts[1] + "." + parts[2]);
		tokens.add(Tokens.base64url("{\"alg\":\"RS256\",\"kid\":\"../../x\"}") + "." + parts[1] + "." + parts[2]);
		tokens.add(Tokens.base64url("{\"alg\":\"HS256\",\"zip\":\"DEF\"}") + "." + Tokens.base64url("garbage") + "."
				+ parts[2]);
		tokens.add(Tokens.base64url("[") + "." + Tokens.base64url("{") + "." + parts[2]);
		return tokens;
	}

	/** A signed access token with these claims; a null subject or sid is left out. */
	private static String token(SecretKey key, String subject, Object sid, Object role, Date expiration) {
		JwtBuilder token = Jwts.builder();
		if (subject != null) {
			token.subject(subject);
		}
		if (sid != null) {
			token.claim("sid", sid);
		}
		return token.claim("role", role).expiration(expiration).signWith(key).compact();
	}

}
