package dev.vigil.jobs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.vigil.audit.AuditLog;
import dev.vigil.auth.SessionService;
import dev.vigil.notifications.NotificationService;
import dev.vigil.storage.BackupService;
import dev.vigil.storage.Database;

/**
 * The recurring housekeeping: ended sessions hourly; read notifications after 30 days and
 * audit rows after 90 days, daily; a database backup on {@code vigil.backups.schedule},
 * keeping {@code vigil.backups.retention} of them. Each run is bounded by its timeout
 * ({@code vigil.maintenance.timeouts}).
 */
@Component
public class MaintenanceTasks implements JobRequestHandler<MaintenanceTask> {

	private static final Logger log = LoggerFactory.getLogger(MaintenanceTasks.class);

	static final String BACKUP = "backup";

	private final SessionService sessions;

	private final NotificationService notifications;

	private final AuditLog audit;

	private final BackupService backups;

	private final BackupSchedule backupSchedule;

	private final MaintenanceProperties properties;

	private final RunningTasks running;

	private final Database database;

	MaintenanceTasks(SessionService sessions, NotificationService notifications, AuditLog audit, BackupService backups,
			BackupSchedule backupSchedule, MaintenanceProperties properties, RunningTasks running, Database database) {
		this.database = database;
		this.sessions = sessions;
		this.notifications = notifications;
		this.audit = audit;
		this.backups = backups;
		this.backupSchedule = backupSchedule;
		this.properties = properties;
		this.running = running;
	}

	/** Task name to cron expression (UTC). */
	Map<String, String> schedules() {
		Map<String, String> schedules = new LinkedHashMap<>();
		schedules.put("purge-sessions", "0 * * * *");
		schedules.put(BACKUP, this.backupSchedule.schedule());
		schedules.put("purge-notifications", "15 3 * * *");
		schedules.put("purge-audit", "30 3 * * *");
		return schedules;
	}

	Duration timeout(String task) {
		return this.properties.timeout(task);
	}

	/**
	 * Not retried: the next scheduled run (or a manual trigger) is the retry, and an
	 * immediate retry of a timed-out run would only pile up behind it.
	 */
	@Override
	@Job(name = "maintenance: %0", retries = 0)
	public void run(MaintenanceTask request) {
		this.running.run(request.task(), timeout(request.task()), () -> perform(request));
	}

	private void perform(MaintenanceTask request) {
		switch (request.task()) {
			case "purge-sessions" -> done(request, this.sessions.purgeEnded());
			case "purge-notifications" -> done(request, this.notifications.purgeRead(Duration.ofDays(30)));
			case "purge-audit" -> done(request, this.audit.purgeOlderThan(Duration.ofDays(90)));
			case BACKUP -> {
				if (!this.database.isSqlite()) {
					// Backups are files of the SQLite database; PostgreSQL's are the
					// operator's (pg_dump, the provider's snapshots).
					log.atInfo().setMessage("scheduled backup skipped: the database is PostgreSQL").log();
					return;
				}
				BackupService.Backup backup = this.backups.create();
				int pruned = this.backups.prune(this.backupSchedule.retention());
				log.atInfo()
					.setMessage("backup written")
					.addKeyValue("file", backup.name())
					.addKeyValue("size", backup.size())
					.addKeyValue("pruned", pruned)
					.log();
			}
			default -> throw new IllegalArgumentException("unknown maintenance task " + request.task());
		}
	}

	private static void done(MaintenanceTask request, int deleted) {
		log.atInfo()
			.setMessage("maintenance done")
			.addKeyValue("task", request.task())
			.addKeyValue("deleted", deleted)
			.log();
	}

}
