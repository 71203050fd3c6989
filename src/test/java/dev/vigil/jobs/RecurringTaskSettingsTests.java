package dev.vigil.jobs;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code vigil.backups.*} and {@code vigil.maintenance.*} bound as at start, from the
 * real application.yaml and its environment variables: good values apply, bad ones fail
 * with a message that names the setting.
 */
class RecurringTaskSettingsTests {

	@Test
	void backupScheduleAndRetentionDefaultToDailyAt2AndSevenDays() throws IOException {
		BackupSchedule backups = bind(Map.of(), "vigil.backups", BackupSchedule.class);
		assertThat(backups.schedule()).isEqualTo("0 2 * * *");
		assertThat(backups.retention()).isEqualTo(Duration.ofDays(7));
	}

	@Test
	void backupScheduleAndRetentionComeFromTheirEnvironmentVariables() throws IOException {
		BackupSchedule backups = bind(Map.of("VIGIL_BACKUP_SCHEDULE", "30 4 * * 0", "VIGIL_BACKUP_RETENTION", "30d"),
				"vigil.backups", BackupSchedule.class);
		assertThat(backups.schedule()).isEqualTo("30 4 * * 0");
		assertThat(backups.retention()).isEqualTo(Duration.ofDays(30));
	}

	@Test
	void anInvalidBackupScheduleOrRetentionFailsNamingTheSetting() {
		assertThatThrownBy(
				() -> bind(Map.of("VIGIL_BACKUP_SCHEDULE", "every night"), "vigil.backups", BackupSchedule.class))
			.isInstanceOf(BindException.class)
			.satisfies((ex) -> assertThat(messages(ex))
				.contains("vigil.backups.schedule is not a valid cron expression (\"every night\")"));
		assertThatThrownBy(() -> bind(Map.of("VIGIL_BACKUP_RETENTION", "0s"), "vigil.backups", BackupSchedule.class))
			.isInstanceOf(BindException.class)
			.satisfies((ex) -> assertThat(messages(ex)).contains("vigil.backups.retention must be positive, was PT0S"));
		assertThatThrownBy(
				() -> bind(Map.of("VIGIL_BACKUP_RETENTION", "a week"), "vigil.backups", BackupSchedule.class))
			.isInstanceOf(BindException.class)
			.hasMessageContaining("vigil.backups.retention");
	}

	@Test
	void timeoutsHaveDefaultsAndOverridesPerTask() throws IOException {
		MaintenanceProperties defaults = bind(Map.of(), "vigil.maintenance", MaintenanceProperties.class);
		assertThat(defaults.timeout("purge-sessions")).isEqualTo(Duration.ofMinutes(10));
		assertThat(defaults.timeout("backup")).isEqualTo(Duration.ofHours(1));

		MaintenanceProperties set = bind(Map.of("vigil.maintenance.timeouts.backup", "3h"), "vigil.maintenance",
				MaintenanceProperties.class);
		assertThat(set.timeout("backup")).isEqualTo(Duration.ofHours(3));
		assertThat(set.timeout("purge-audit")).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void aTimeoutForAnUnknownTaskOrNotPositiveFailsNamingIt() {
		assertThatThrownBy(() -> bind(Map.of("vigil.maintenance.timeouts.purge-everything", "1m"), "vigil.maintenance",
				MaintenanceProperties.class))
			.satisfies((ex) -> assertThat(messages(ex))
				.contains("vigil.maintenance.timeouts.purge-everything: no such task"));
		assertThatThrownBy(() -> bind(Map.of("vigil.maintenance.timeouts.backup", "-1m"), "vigil.maintenance",
				MaintenanceProperties.class))
			.satisfies((ex) -> assertThat(messages(ex))
				.contains("vigil.maintenance.timeouts.backup must be positive, was PT-1M"));
	}

	/** Every message down the cause chain, as a startup failure report shows them. */
	private static String messages(Throwable ex) {
		StringBuilder all = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			all.append(cause.getMessage()).append('\n');
		}
		return all.toString();
	}

	private static <T> T bind(Map<String, Object> values, String prefix, Class<T> type) throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", values));
		new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
			.forEach(environment.getPropertySources()::addLast);
		return Binder.get(environment).bindOrCreate(prefix, type);
	}

}
