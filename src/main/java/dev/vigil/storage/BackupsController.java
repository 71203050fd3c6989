package dev.vigil.storage;

import java.util.List;
import java.util.Map;

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

	@GetMapping
	Map<String, List<BackupService.Backup>> list() {
		return Map.of("backups", this.backups.list());
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, BackupService.Backup> create() {
		BackupService.Backup backup = this.backups.create();
		this.audit.record("backup.create", "backup", backup.name(), Long.toString(backup.size()));
		return Map.of("backup", backup);
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
	Map<String, Boolean> delete(@PathVariable String name) {
		if (!this.backups.delete(name)) {
			throw new NotFoundException("backup not found");
		}
		this.audit.record("backup.delete", "backup", name, "");
		return Map.of("ok", true);
	}

}
