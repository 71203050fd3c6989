package dev.vigil.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSV exports neutralise cells a spreadsheet would run as a formula: those starting with
 * {@code = + - @}, and those starting with a TAB or CR (which spreadsheets skip before
 * looking for one). Notification messages go out as sent, untrimmed, so they carry every
 * leading character.
 */
@VigilIntegrationTest
class CsvExportIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void formulaCellsArePrefixedWithAQuote() {
		VigilClient root = VigilClient.root(this.port);
		long me = root.adminId();
		String title = "csv-" + UUID.randomUUID();
		for (String message : List.of("=1+2", "+1+2", "-1+2", "@SUM(A1)", "\t=1+2", "\r=1+2", "\tplain", "plain")) {
			root.post("/api/admin/notifications/send",
					Map.of("admin_id", me, "type", "info", "title", title, "message", message))
				.assertStatus(201);
		}
		String csv = new String(root.download("/api/admin/notifications/export"), StandardCharsets.UTF_8);
		assertThat(csv).contains(title + ",'=1+2,", title + ",'+1+2,", title + ",'-1+2,", title + ",'@SUM(A1),",
				title + ",'\t=1+2,", title + ",\"'\r=1+2\",", title + ",'\tplain,", title + ",plain,");
	}

}
