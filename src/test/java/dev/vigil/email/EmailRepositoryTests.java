package dev.vigil.email;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.vigil.support.AdminRows;
import dev.vigil.support.RepositoryTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Email preferences (opt-in, per admin) and the delivery record: attempts, outcome, and
 * the per-admin trim that keeps it small.
 */
@RepositoryTest
@Import(EmailRepository.class)
class EmailRepositoryTests {

	static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

	@Autowired
	EmailRepository repository;

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
	void typesAreNoneUntilChosenAndReplacedOnSave() {
		assertThat(this.repository.types(this.ada)).isEmpty();
		this.repository.saveTypes(this.ada, List.of("error", "warning", "error"), NOW);
		this.repository.saveTypes(this.bob, List.of("info"), NOW);
		assertThat(this.repository.types(this.ada)).containsExactly("error", "warning");
		this.repository.saveTypes(this.bob, List.of(), NOW);

		assertThat(this.repository.types(List.of(this.ada, this.bob, 999_999L)))
			.containsExactlyEntriesOf(Map.of(this.ada, Set.of("error", "warning")));
	}

	@Test
	void anAttemptRecordsItsOutcome() {
		long id = delivery(this.ada, "Disk full");
		EmailRepository.Delivery queued = this.repository.find(id).orElseThrow();
		assertThat(queued.status()).isEqualTo("queued");
		assertThat(queued.attempts()).isZero();
		assertThat(queued.sentAt()).isNull();

		this.repository.attempted(id, 1, "queued", "Read timed out", NOW.plusSeconds(1));
		assertThat(this.repository.find(id).orElseThrow().lastError()).isEqualTo("Read timed out");
		this.repository.attempted(id, 2, "sent", null, NOW.plusSeconds(30));
		EmailRepository.Delivery sent = this.repository.find(id).orElseThrow();
		assertThat(sent.status()).isEqualTo("sent");
		assertThat(sent.attempts()).isEqualTo(2);
		assertThat(sent.lastError()).isNull();
		assertThat(sent.sentAt()).isEqualTo(NOW.plusSeconds(30));
		assertThat(sent.title()).isEqualTo("Disk full");
	}

	@Test
	void trimKeepsTheNewestAndEveryQueuedOneOfThatAdminOnly() {
		long oldQueued = delivery(this.ada, "still queued");
		for (int i = 0; i < 5; i++) {
			long id = delivery(this.ada, "n" + i);
			this.repository.attempted(id, 1, "sent", null, NOW);
		}
		long bobs = delivery(this.bob, "bob's");
		this.repository.attempted(bobs, 1, "failed", "535", NOW);

		assertThat(this.repository.trim(this.ada, 3)).isEqualTo(2);
		assertThat(this.repository.recent(this.ada, 10)).extracting(EmailRepository.Delivery::title)
			.containsExactly("n4", "n3", "n2", "still queued");
		assertThat(this.repository.find(oldQueued)).isPresent();
		assertThat(this.repository.count(this.bob)).isEqualTo(1);
	}

	private long delivery(long adminId, String title) {
		return this.repository
			.insert(new EmailRepository.NewDelivery(1, adminId, "a@x.test", "error", title, "message", NOW), NOW);
	}

}
