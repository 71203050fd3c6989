package dev.vigil.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.vigil.support.SyslogReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Audit entries as RFC 5424 messages: what a strict parser reads back is what was
 * written, whatever the characters in the entry.
 */
class SyslogMessagesTests {

	private static final JsonMapper JSON = JsonMapper.builder()
		.propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
		.build();

	private final SyslogMessages messages = new SyslogMessages(10, "vigil host", "vigil", "42", JSON);

	private static AuditLog.Listed entry(long id, String action, String details) {
		return new AuditLog.Listed(id, 7L, "ada@x.test", "Ada \"the\" admin", action, "admin", "9", details,
				"203.0.113.5", "req-1", Instant.parse("2026-12-06T21:00:00.123456Z"));
	}

	@Test
	void headerAndStructuredDataCarryTheEntry() {
		SyslogReceiver.Message message = SyslogReceiver
			.parse(this.messages.message(entry(123, "auth.login_failed", "reason=wrong password")));
		assertThat(message.priority()).isEqualTo(10 * 8 + 4);
		assertThat(message.timestamp()).isEqualTo("2026-12-06T21:00:00.123Z");
		assertThat(message.hostname()).isEqualTo("vigil_host");
		assertThat(message.appName()).isEqualTo("vigil");
		assertThat(message.procId()).isEqualTo("42");
		assertThat(message.msgId()).isEqualTo("auth.login_failed");
		assertThat(message.structuredData().get("audit@32473")).containsEntry("id", "123")
			.containsEntry("admin_id", "7")
			.containsEntry("admin_email", "ada@x.test")
			.containsEntry("details", "reason=wrong password")
			.containsEntry("ip", "203.0.113.5")
			.containsEntry("request_id", "req-1");
		assertThat(JSON.readTree(message.msg()).get("admin_name").asString()).isEqualTo("Ada \"the\" admin");
	}

	@Test
	void quotesBackslashesAndBracketsAreEscapedInParameterValues() {
		String details = "a \"quoted\" \\ path] [x] ünïcode";
		SyslogReceiver.Message message = SyslogReceiver.parse(this.messages.message(entry(1, "admin.update", details)));
		assertThat(message.param("audit@32473", "details")).isEqualTo(details);
		assertThat(message.priority() % 8).as("notice").isEqualTo(5);
	}

	@Test
	void framesAreOctetCounted() {
		byte[] frames = this.messages.frames(List.of(entry(1, "a", "é"), entry(2, "b", "")));
		String text = new String(frames, StandardCharsets.UTF_8);
		int space = text.indexOf(' ');
		int length = Integer.parseInt(text.substring(0, space));
		String first = new String(frames, space + 1, length, StandardCharsets.UTF_8);
		assertThat(SyslogReceiver.parse(first).param("audit@32473", "id")).isEqualTo("1");
		String rest = new String(frames, space + 1 + length, frames.length - space - 1 - length,
				StandardCharsets.UTF_8);
		assertThat(rest).matches("\\d+ <85>1 .*");
	}

	@Test
	void facilitiesByNameOrNumber() {
		assertThat(SyslogMessages.facility("authpriv")).isEqualTo(10);
		assertThat(SyslogMessages.facility("LOCAL0")).isEqualTo(16);
		assertThat(SyslogMessages.facility("23")).isEqualTo(23);
		assertThatIllegalArgumentException().isThrownBy(() -> SyslogMessages.facility("24"));
		assertThatIllegalArgumentException().isThrownBy(() -> SyslogMessages.facility("security"));
	}

}
