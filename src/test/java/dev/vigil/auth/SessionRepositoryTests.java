package dev.vigil.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.vigil.auth.SessionRepository.Listed;
import dev.vigil.auth.SessionRepository.Session;
import dev.vigil.support.AdminRows;
import dev.vigil.support.RepositoryTest;
import dev.vigil.web.ListQuery;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sessions table: what counts as live (not revoked, not yet expired), refresh-token
 * rotation that only one of two racing refreshes wins, and the expiry and clean-up
 * windows. Times are passed in, so every boundary is exact.
 */
@RepositoryTest
@Import(SessionRepository.class)
class SessionRepositoryTests {

	static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	static final Duration HOUR = Duration.ofHours(1);

	@Autowired
	SessionRepository sessions;

	@Autowired
	JdbcClient jdbc;

	long ada;

	long bob;

	@BeforeEach
	void admins() {
		this.ada = AdminRows.insert(this.jdbc, "Ada");
		this.bob = AdminRows.insert(this.jdbc, "Bob");
	}

	@Test
	void aSessionIsLiveUntilItExpiresOrIsRevoked() {
		String id = insert(this.ada, "hash-1", NOW, NOW.plus(HOUR));

		Session session = this.sessions.findById(id).orElseThrow();
		assertThat(session.adminId()).isEqualTo(this.ada);
		assertThat(session.tokenHash()).isEqualTo("hash-1");
		assertThat(session.previousHash()).isNull();
		assertThat(session.lastUsedAt()).isEqualTo(NOW);
		assertThat(session.expiresAt()).isEqualTo(NOW.plus(HOUR));
		assertThat(session.revokedAt()).isNull();
		assertThat(this.sessions.findByTokenHash("hash-1")).map(Session::id).contains(id);
		assertThat(this.sessions.findByTokenHash("hash-2")).isEmpty();

		assertThat(this.sessions.isActive(id, NOW.plus(HOUR).minusMillis(1))).isTrue();
		assertThat(this.sessions.isActive(id, NOW.plus(HOUR))).as("expired at its expiry instant").isFalse();

		Instant revokedAt = NOW.plusSeconds(60);
		assertThat(this.sessions.revoke(id, "logout", revokedAt)).isTrue();
		assertThat(this.sessions.revoke(id, "logout", revokedAt.plusSeconds(1))).as("already revoked").isFalse();
		assertThat(this.sessions.findById(id).orElseThrow().revokedAt()).isEqualTo(revokedAt);
		assertThat(this.sessions.isActive(id, NOW)).isFalse();
	}

	@Test
	void rotationSwapsTheTokenOnlyForTheHashPresented() {
		String id = insert(this.ada, "first", NOW, NOW.plus(HOUR));
		Instant later = NOW.plusSeconds(30);

		assertThat(this.sessions.rotate(id, "first", "second", "10.0.0.9", later)).isTrue();
		assertThat(this.sessions.rotate(id, "first", "other", "10.0.0.9", later))
			.as("the loser of two refreshes racing with the same token")
			.isFalse();

		Session rotated = this.sessions.findByTokenHash("second").orElseThrow();
		assertThat(rotated.id()).isEqualTo(id);
		assertThat(rotated.previousHash()).isEqualTo("first");
		assertThat(rotated.lastUsedAt()).isEqualTo(later);
		assertThat(this.sessions.findByPreviousHash("first")).map(Session::id).contains(id);
		assertThat(this.sessions.findByTokenHash("first")).isEmpty();
		assertThat(this.sessions.findByTokenHash("other")).isEmpty();

		this.sessions.revoke(id, "reuse", later);
		assertThat(this.sessions.rotate(id, "second", "third", "10.0.0.9", later)).as("revoked").isFalse();
	}

	@Test
	void liveIdsAndCountsLeaveOutRevokedExpiredAndOtherAdmins() {
		String live = insert(this.ada, "a1", NOW, NOW.plus(HOUR));
		String revoked = insert(this.ada, "a2", NOW, NOW.plus(HOUR));
		this.sessions.revoke(revoked, "admin", NOW);
		insert(this.ada, "a3", NOW.minus(HOUR), NOW.minusMillis(1));
		String bobs = insert(this.bob, "b1", NOW, NOW.plus(HOUR));

		assertThat(this.sessions.liveIdsOf(this.ada, NOW)).containsExactly(live);
		assertThat(this.sessions.count(this.ada, NOW)).isEqualTo(1);
		assertThat(this.sessions.count(this.bob, NOW)).isEqualTo(1);
		assertThat(ids(this.sessions.list(null, query(100, 0, "s.created_at DESC"), NOW))).contains(live, bobs)
			.doesNotContain(revoked)
			.hasSize((int) this.sessions.count(null, NOW));
	}

	@Test
	void listedSessionsCarryTheirAdminAndPageInTheRequestedOrder() {
		String oldest = insert(this.ada, "o", NOW.minus(HOUR.multipliedBy(3)), NOW.plus(HOUR));
		String middle = insert(this.ada, "m", NOW.minus(HOUR.multipliedBy(2)), NOW.plus(HOUR));
		String newest = insert(this.ada, "n", NOW.minus(HOUR), NOW.plus(HOUR));
		insert(this.bob, "b", NOW.minus(HOUR), NOW.plus(HOUR));

		List<Listed> first = this.sessions.list(this.ada, query(2, 0, "s.created_at DESC"), NOW);
		assertThat(ids(first)).containsExactly(newest, middle);
		assertThat(ids(this.sessions.list(this.ada, query(2, 2, "s.created_at DESC"), NOW))).containsExactly(oldest);
		assertThat(ids(this.sessions.list(this.ada, query(10, 0, "s.created_at ASC"), NOW))).containsExactly(oldest,
				middle, newest);

		Listed listed = first.get(0);
		assertThat(listed.adminId()).isEqualTo(this.ada);
		assertThat(listed.userAgent()).isEqualTo("agent n");
		assertThat(listed.ip()).isEqualTo("127.0.0.1");
		assertThat(listed.createdAt()).isEqualTo(NOW.minus(HOUR));
	}

	@Test
	void expiredBetweenIsHalfOpenAndSkipsRevokedSessions() {
		String atStart = insert(this.ada, "s", NOW.minus(HOUR), NOW);
		String inside = insert(this.ada, "i", NOW.minus(HOUR), NOW.plusSeconds(30));
		String atEnd = insert(this.ada, "e", NOW.minus(HOUR), NOW.plusSeconds(60));
		String revoked = insert(this.ada, "r", NOW.minus(HOUR), NOW.plusSeconds(40));
		this.sessions.revoke(revoked, "logout", NOW);
		insert(this.ada, "after", NOW.minus(HOUR), NOW.plusSeconds(61));

		assertThat(this.sessions.expiredBetween(NOW, NOW.plusSeconds(60))).extracting(Session::id)
			.containsExactlyInAnyOrder(inside, atEnd)
			.doesNotContain(atStart, revoked);
	}

	@Test
	void endedSessionsAreDeletedAndLiveOnesKept() {
		String live = insert(this.ada, "live", NOW, NOW.plus(HOUR));
		String expiringNow = insert(this.ada, "now", NOW.minus(HOUR), NOW);
		String expired = insert(this.ada, "expired", NOW.minus(HOUR), NOW.minusMillis(1));
		String revoked = insert(this.bob, "revoked", NOW, NOW.plus(HOUR));
		this.sessions.revoke(revoked, "logout", NOW);

		assertThat(this.sessions.deleteEnded(NOW)).isEqualTo(2);
		assertThat(this.sessions.findById(expired)).isEmpty();
		assertThat(this.sessions.findById(revoked)).isEmpty();
		assertThat(this.sessions.findById(live)).isPresent();
		assertThat(this.sessions.findById(expiringNow)).as("not yet past its expiry").isPresent();

		this.sessions.delete(live);
		assertThat(this.sessions.findById(live)).isEmpty();
	}

	private String insert(long adminId, String tokenHash, Instant createdAt, Instant expiresAt) {
		String id = UUID.randomUUID().toString();
		this.sessions.insert(id, adminId, "password", tokenHash, "agent " + tokenHash, "127.0.0.1", createdAt,
				expiresAt);
		return id;
	}

	private static ListQuery query(int limit, int offset, String orderBy) {
		return new ListQuery(limit, offset, orderBy);
	}

	private static List<String> ids(List<Listed> listed) {
		return listed.stream().map(Listed::id).toList();
	}

}
