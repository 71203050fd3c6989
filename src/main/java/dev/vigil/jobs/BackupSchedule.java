package dev.vigil.jobs;

import java.time.Duration;

import org.jobrunr.scheduling.cron.CronExpression;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the database backup runs and how long backups are kept. Only these two keys: other
 * {@code vigil.backups.*} settings belong to the storage module.
 *
 * @param schedule cron expression, UTC ({@code VIGIL_BACKUP_SCHEDULE})
 * @param retention backups older than this are deleted after each scheduled backup
 * ({@code VIGIL_BACKUP_RETENTION})
 */
@ConfigurationProperties("vigil.backups")
record BackupSchedule(@DefaultValue("0 2 * * *") String schedule, @DefaultValue("7d") Duration retention) {

	BackupSchedule {
		try {
			new CronExpression(schedule);
		}
		catch (RuntimeException ex) {
			// No cause attached: the startup failure report shows the innermost message.
			throw new IllegalArgumentException(
					"vigil.backups.schedule is not a valid cron expression (\"" + schedule + "\"): " + ex.getMessage());
		}
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("vigil.backups.retention must be positive, was " + retention);
		}
	}

}
