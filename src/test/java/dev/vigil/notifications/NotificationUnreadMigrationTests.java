package dev.vigil.notifications;

import java.nio.file.Path;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unread counts kept by triggers (V3) on a real SQLite file: backfilled from the rows
 * an existing database already has, then exact through every kind of change.
 */
class NotificationUnreadMigrationTests {

	@TempDir
	Path dir;

	@Test
	void countsAreBackfilledAndFollowInsertsReadsAndDeletes() {
		SQLiteDataSource dataSource = new SQLiteDataSource();
		dataSource.setUrl("jdbc:sqlite:" + this.dir.resolve("vigil.db"));
		JdbcClient jdbc = JdbcClient.create(dataSource);
		migrate(dataSource, "2");
		jdbc.sql(
				"INSERT INTO admins (id, email, password_hash, created_at, updated_at) VALUES (1, 'a@x', 'h', 0, 0), (2, 'b@x', 'h', 0, 0)")
			.update();
		jdbc.sql("""
				INSERT INTO notifications (admin_id, title, read_at, created_at)
				VALUES (1, 'unread', NULL, 0), (1, 'unread', NULL, 0), (1, 'read', 5, 0), (2, 'read', 5, 0)
				""").update();

		migrate(dataSource, "latest");
		NotificationRepository repository = new NotificationRepository(jdbc, null);
		assertThat(repository.unread(1)).isEqualTo(2);
		assertThat(repository.unread(2)).isZero();
		assertThat(repository.unread(3)).as("an admin without any row").isZero();

		long id = repository.insert(2, "info", "new", "", null).id();
		assertThat(repository.unread(2)).isEqualTo(1);
		assertThat(repository.markRead(2, id)).isTrue();
		assertThat(repository.markRead(2, id)).as("already read").isFalse();
		assertThat(repository.unread(2)).isZero();

		long read = jdbc.sql("SELECT id FROM notifications WHERE admin_id = 1 AND read_at IS NOT NULL")
			.query(Long.class)
			.single();
		long unread = jdbc.sql("SELECT min(id) FROM notifications WHERE admin_id = 1 AND read_at IS NULL")
			.query(Long.class)
			.single();
		repository.delete(1, List.of(read));
		assertThat(repository.unread(1)).as("deleting a read one changes nothing").isEqualTo(2);
		repository.delete(1, List.of(unread));
		assertThat(repository.unread(1)).isEqualTo(1);
		repository.insert(1, "info", "more", "", null);
		assertThat(repository.markAllRead(1)).isEqualTo(2);
		assertThat(repository.unread(1)).isZero();
		jdbc.sql("UPDATE notifications SET read_at = NULL WHERE admin_id = 1").update();
		assertThat(repository.unread(1)).as("marked unread again").isEqualTo(2);
	}

	private static void migrate(SQLiteDataSource dataSource, String target) {
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/sqlite")
			.target(target)
			.load()
			.migrate();
	}

}
