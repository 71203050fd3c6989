package dev.vigil.storage;

import jakarta.servlet.MultipartConfigElement;

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

	/**
	 * Uploads are spooled in the backups directory, on the data disk that must hold the
	 * restore anyway, not in {@code java.io.tmpdir} (often small, or in memory). In place
	 * of Boot's, which would take a relative data directory as relative to Tomcat's own
	 * temporary directory.
	 */
	@Bean
	MultipartConfigElement multipartConfigElement(DataDirectory data, BackupProperties properties) {
		long limit = properties.maxUploadSize().toBytes();
		return new MultipartConfigElement(data.backups().toString(), limit, limit, 0);
	}

}
