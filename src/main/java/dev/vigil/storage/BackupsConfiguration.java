package dev.vigil.storage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.vigil.web.UploadRoute;

/** "Restore from file" is the one route that takes a multipart upload. */
@Configuration(proxyBeanMethods = false)
class BackupsConfiguration {

	@Bean
	UploadRoute backupRestoreUpload(BackupProperties properties) {
		return new UploadRoute("/api/admin/backups/restore", properties.maxUploadSize());
	}

}
