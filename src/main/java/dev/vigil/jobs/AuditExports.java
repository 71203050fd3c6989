package dev.vigil.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;

import org.springframework.stereotype.Component;

import dev.vigil.audit.AuditLog;
import dev.vigil.notifications.NotificationService;
import dev.vigil.storage.DataDirectory;

/**
 * Runs audit exports: writes {@code data/exports/audit-<admin>-<time>.csv}, then notifies
 * the requester with the download link. The admin id in the name decides who may download
 * it.
 */
@Component
public class AuditExports implements JobRequestHandler<AuditExport> {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
		.withZone(ZoneOffset.UTC);

	private static final Pattern NAME = Pattern.compile("audit-(\\d{1,19})-\\d{8}-\\d{6}-\\d{3}\\.csv");

	private final AuditLog audit;

	private final NotificationService notifications;

	private final Path directory;

	private final Clock clock;

	AuditExports(AuditLog audit, NotificationService notifications, DataDirectory data, Clock clock) {
		this.audit = audit;
		this.notifications = notifications;
		this.directory = data.root().resolve("exports");
		this.clock = clock;
	}

	@Override
	@Job(name = "audit export for admin %0")
	public void run(AuditExport request) throws IOException {
		Files.createDirectories(this.directory);
		String name = "audit-" + request.adminId() + "-" + TIME.format(this.clock.instant()) + ".csv";
		Path partial = this.directory.resolve(name + ".part");
		this.audit.exportCsv(partial);
		// Renamed when complete, so a download never sees half a file.
		Files.move(partial, this.directory.resolve(name));
		String link = "/api/admin/queue/exports/" + name;
		this.notifications.notify(request.adminId(), "success", "Audit export ready",
				"Your audit log export is ready to download.", Map.of("download", link, "file", name));
	}

	/**
	 * The export file, when the name is an export of {@code adminId} (or any, for a
	 * superadmin) and exists.
	 */
	Optional<Path> file(String name, long adminId, boolean anyAdmin) {
		Matcher matcher = NAME.matcher((name != null) ? name : "");
		if (!matcher.matches() || (!anyAdmin && Long.parseLong(matcher.group(1)) != adminId)) {
			return Optional.empty();
		}
		Path file = this.directory.resolve(name);
		return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
	}

}
