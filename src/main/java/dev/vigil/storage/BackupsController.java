package dev.vigil.storage;

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
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.NotFoundException;
import dev.vigil.audit.AuditLog;
import dev.vigil.web.Ok;

/** Database backups (scope {@code admin:backups}: superadmins). */
@RestController
@RequestMapping("/api/admin/backups")
class BackupsController {

	private final BackupService backups;

	private final AuditLog audit;

	BackupsController(BackupService backups, AuditLog audit) {
		this.backups = backups;
		this.audit = audit;
	}

	record BackupList(List<BackupService.Backup> backups) {
	}

	record BackupResponse(BackupService.Backup backup) {
	}

	@GetMapping
	BackupList list() {
		return new BackupList(this.backups.list());
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	BackupResponse create() {
		BackupService.Backup backup = this.backups.create();
		this.audit.record("backup.create", "backup", backup.name(), Long.toString(backup.size()));
		return new BackupResponse(backup);
	}

	@GetMapping("/{name}")
	ResponseEntity<Resource> download(@PathVariable String name) {
		var file = this.backups.file(name).orElseThrow(() -> new NotFoundException("backup not found"));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(new FileSystemResource(file));
	}

	@DeleteMapping("/{name}")
	Ok delete(@PathVariable String name) {
		if (!this.backups.delete(name)) {
			throw new NotFoundException("backup not found");
		}
		this.audit.record("backup.delete", "backup", name, "");
		return Ok.OK;
	}

}
