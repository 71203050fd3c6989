package dev.vigil.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

import dev.vigil.InvalidRequestException;
import dev.vigil.NotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the controller does when files are missing, which the integration tests' directory
 * never is.
 */
class LogsControllerTests {

	@TempDir
	Path dir;

	@Test
	void missingLiveFileIsAnEmptyHistoryNotAnError() throws IOException {
		LogsController controller = controller(this.dir);
		LogsController.Page page = controller.list(null, null, null, null, null, null, null,
				new MockHttpServletRequest());
		assertThat(page.entries()).isEqualTo("[]");
		assertThat(page.file()).isEqualTo("vigil.log");
		assertThat(page.next()).isNull();
		assertThat(
				controller.list(null, null, "vigil.log", null, null, null, "0", new MockHttpServletRequest()).entries())
			.isEqualTo("[]");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> controller.list(null, null, null, null, null, null, "10", new MockHttpServletRequest()))
			.withMessage("invalid cursor");
	}

	@Test
	void missingRotatedFileIsNotFound() {
		LogsController controller = controller(this.dir);
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> controller.list(null, null, "vigil-2026-01-01.0.log", null, null, null, null,
					new MockHttpServletRequest()))
			.withMessage("log file not found");
	}

	@Test
	void missingDirectoryListsNoFiles() throws IOException {
		assertThat(controller(this.dir.resolve("not-yet")).files(null, null).files()).isEmpty();
	}

	@Test
	void directoriesWithOurNamesAreNotFiles() throws IOException {
		Files.createDirectory(this.dir.resolve("vigil-2026-01-01.0.log"));
		Files.writeString(this.dir.resolve("vigil.log"), "line\n");
		LogsController controller = controller(this.dir);
		assertThat(controller.files(null, null).files()).extracting(LogsController.FileInfo::name)
			.containsExactly("vigil.log");
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> controller.download("vigil-2026-01-01.0.log", null, null, null, null))
			.withMessage("log file not found");
	}

	private static LogsController controller(Path directory) {
		LogsProperties properties = new LogsProperties(directory, "vigil.log", DataSize.ofKilobytes(64),
				Duration.ofMillis(250), 100, 1000, DataSize.ofMegabytes(64), Duration.ofMillis(500),
				LogsProperties.AccessLog.SEPARATE, null, Duration.ofSeconds(10));
		// With a directory configured, LogFiles never asks the data directory.
		return new LogsController(new LogSources(properties, directory), new LogHistory(properties));
	}

}
