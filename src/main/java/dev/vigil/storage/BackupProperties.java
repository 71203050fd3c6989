package dev.vigil.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Backups and restores.
 *
 * @param maxUploadSize largest SQLite file accepted by "restore from file"
 * ({@code VIGIL_BACKUP_MAX_UPLOAD_SIZE}); also the servlet's multipart limit
 */
@ConfigurationProperties("vigil.backups")
record BackupProperties(@DefaultValue("512MB") DataSize maxUploadSize) {
}
