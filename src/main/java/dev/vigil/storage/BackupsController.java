package dev.vigil.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.vigil.NotFoundException;
import dev.vigil.audit.AuditLog;
import dev.vigil.web.ApiException;
import dev.vigil.web.Ok;

/** Database backups (scope {@code admin:backups}: superadmins). */
@RestController
@RequestMapping("/api/admin/backups")
class BackupsController {

	private final BackupService backups;

	private final DatabaseRestore restore;

	private final AuditLog audit;

	private final BackupProperties properties;

	private final Database database;

	BackupsController(BackupService backups, DatabaseRestore restore, AuditLog audit, BackupProperties properties,
			Database database) {
		this.database = database;
		this.backups = backups;
		this.restore = restore;
		this.audit = audit;
		this.properties = properties;
	}

	/**
	 * @param maxUploadSize the largest file "restore from file" accepts, in bytes
	 */
	record BackupList(List<BackupService.Backup> backups, long maxUploadSize) {
	}

	/**
	 * The outcome of a restore. Every session has ended, the caller's included: the
	 * client signs in again.
	 *
	 * @param source the backup name, or {@code upload:<file name>}
	 * @param safetyBackup the backup of the database that was replaced
	 * @param schemaVersion the schema version the restored database had before migration
	 * @param migrated whether it was migrated to this version's schema
	 * @param signedOut always true: every session ended with the restore
	 */
	record RestoreResponse(String source, BackupService.Backup safetyBackup, String schemaVersion, boolean migrated,
			boolean signedOut) {
	}

	record BackupResponse(BackupService.Backup backup) {
	}

	@GetMapping
	BackupList list() {
		sqliteOnly();
		return new BackupList(this.backups.list(), this.properties.maxUploadSize().toBytes());
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	BackupResponse create() {
		sqliteOnly();
		BackupService.Backup backup = this.backups.create();
		this.audit.record("backup.create", "backup", backup.name(), Long.toString(backup.size()));
		return new BackupResponse(backup);
	}

	@GetMapping("/{name}")
	ResponseEntity<Resource> download(@PathVariable String name) {
		sqliteOnly();
		var file = this.backups.file(name).orElseThrow(() -> new NotFoundException("backup not found"));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(new FileSystemResource(file));
	}

	@DeleteMapping("/{name}")
	Ok delete(@PathVariable String name) {
		sqliteOnly();
		if (!this.backups.delete(name)) {
			throw new NotFoundException("backup not found");
		}
		this.audit.record("backup.delete", "backup", name, "");
		return Ok.OK;
	}

	@PostMapping("/{name}/restore")
	RestoreResponse restore(@PathVariable String name) {
		sqliteOnly();
		return audited(name, () -> this.restore.restoreBackup(name));
	}

	/** A SQLite file uploaded as the multipart part {@code file}. */
	@PostMapping(path = "/restore", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	RestoreResponse restoreUpload(@RequestParam("file") MultipartFile file) {
		sqliteOnly();
		if (file.getSize() > this.properties.maxUploadSize().toBytes()) {
			throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "file larger than vigil.backups.max-upload-size");
		}
		String source = "upload:" + uploadName(file.getOriginalFilename());
		return audited(source, () -> {
			try (InputStream in = file.getInputStream()) {
				return this.restore.restoreUpload(source, in);
			}
			catch (IOException ex) {
				throw new ApiException(HttpStatus.BAD_REQUEST, "the upload could not be read");
			}
		});
	}

	/**
	 * A successful restore is recorded in the restored database (so it knows where it
	 * came from); a refused or failed one in the database that kept serving.
	 */
	private RestoreResponse audited(String source, java.util.function.Supplier<DatabaseRestore.Outcome> restore) {
		DatabaseRestore.Outcome outcome;
		try {
			outcome = restore.get();
		}
		catch (UnusableBackupException ex) {
			this.audit.record("backup.restore_failed", "backup", source, ex.getMessage());
			throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		}
		catch (DatabaseRestore.RestoreFailedException ex) {
			this.audit.record("backup.restore_failed", "backup", source, ex.getMessage());
			throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, ex.getMessage());
		}
		this.audit.record("backup.restore", "backup", source, "safety backup " + outcome.safetyBackup().name()
				+ "; schema version " + outcome.schemaVersion() + (outcome.migrated() ? " (migrated)" : ""));
		return new RestoreResponse(outcome.source(), outcome.safetyBackup(), outcome.schemaVersion(),
				outcome.migrated(), true);
	}

	/** Backups are copies of the SQLite file: 409 on PostgreSQL. */
	private void sqliteOnly() {
		this.database.requireSqlite("backups and restores are", "use pg_dump or your provider's backups");
	}

	/** The client's file name, kept short and printable for the audit log. */
	private static String uploadName(String name) {
		if (name == null || name.isBlank()) {
			return "file";
		}
		String printable = name.replaceAll("[\\p{Cntrl}]", "").strip();
		int slash = Math.max(printable.lastIndexOf('/'), printable.lastIndexOf('\\'));
		printable = printable.substring(slash + 1);
		return (printable.length() > 100) ? printable.substring(0, 100) : printable;
	}

}
