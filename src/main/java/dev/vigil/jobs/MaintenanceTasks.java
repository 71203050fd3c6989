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

/**
 * The recurring housekeeping: ended sessions hourly; read notifications after 30 days and
 * audit rows after 90 days, daily; a database backup daily, keeping 7 days of them.
 */
@Component
public class MaintenanceTasks implements JobRequestHandler<MaintenanceTask> {

	private static final Logger log = LoggerFactory.getLogger(MaintenanceTasks.class);

	/** Task name to cron expression (UTC). */
	static final Map<String, String> SCHEDULES = new LinkedHashMap<>();

	static {
		SCHEDULES.put("purge-sessions", "0 * * * *");
		SCHEDULES.put("backup", "0 2 * * *");
		SCHEDULES.put("purge-notifications", "15 3 * * *");
		SCHEDULES.put("purge-audit", "30 3 * * *");
	}

	private final SessionService sessions;

	private final NotificationService notifications;

	private final AuditLog audit;

	private final BackupService backups;

	MaintenanceTasks(SessionService sessions, NotificationService notifications, AuditLog audit,
			BackupService backups) {
		this.sessions = sessions;
		this.notifications = notifications;
		this.audit = audit;
		this.backups = backups;
	}

	@Override
	@Job(name = "maintenance: %0")
	public void run(MaintenanceTask request) {
		switch (request.task()) {
			case "purge-sessions" -> done(request, this.sessions.purgeEnded());
			case "purge-notifications" -> done(request, this.notifications.purgeRead(Duration.ofDays(30)));
			case "purge-audit" -> done(request, this.audit.purgeOlderThan(Duration.ofDays(90)));
			case "backup" -> {
				BackupService.Backup backup = this.backups.create();
				int pruned = this.backups.prune(Duration.ofDays(7));
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
