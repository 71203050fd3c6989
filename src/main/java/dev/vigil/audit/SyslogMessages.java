package dev.vigil.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Audit entries as RFC 5424 syslog messages, framed by octet counting (RFC 6587 3.4.1):
 * {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [audit@32473 id="…" …] MSG}. The
 * MSGID is the action, the structured data carries every field (the id first, for
 * deduplication) and MSG is the entry's JSON line.
 */
final class SyslogMessages {

	/**
	 * The structured data ID: 32473 is the private enterprise number RFC 5612 reserves.
	 */
	static final String SD_ID = "audit@32473";

	private static final List<String> FACILITIES = List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr",
			"news", "uucp", "cron", "authpriv", "ftp", "ntp", "audit", "alert", "clock", "local0", "local1", "local2",
			"local3", "local4", "local5", "local6", "local7");

	private static final int NOTICE = 5;

	private static final int WARNING = 4;

	private final int facility;

	private final String hostname;

	private final String appName;

	private final String procId;

	private final JsonMapper json;

	SyslogMessages(int facility, String hostname, String appName, String procId, JsonMapper json) {
		this.facility = facility;
		this.hostname = header(hostname, 255);
		this.appName = header(appName, 48);
		this.procId = header(procId, 128);
		this.json = json;
	}

	/** A facility by name or number; throws for anything else. */
	static int facility(String value) {
		String name = value.trim().toLowerCase(Locale.ROOT);
		int index = FACILITIES.indexOf(name);
		if (index >= 0) {
			return index;
		}
		try {
			int number = Integer.parseInt(name);
			if (number >= 0 && number < FACILITIES.size()) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException("unknown syslog facility '" + value + "': use a name such as "
				+ "authpriv or local0, or a number 0-23");
	}

	/** The frames of these entries, one after another. */
	byte[] frames(List<AuditLog.Listed> entries) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (AuditLog.Listed entry : entries) {
			byte[] message = message(entry).getBytes(StandardCharsets.UTF_8);
			out.writeBytes((message.length + " ").getBytes(StandardCharsets.US_ASCII));
			out.writeBytes(message);
		}
		return out.toByteArray();
	}

	String message(AuditLog.Listed entry) {
		int severity = entry.action().endsWith("_failed") || entry.action().endsWith(".refused") ? WARNING : NOTICE;
		StringBuilder m = new StringBuilder();
		m.append('<')
			.append(this.facility * 8 + severity)
			.append(">1 ")
			.append(DateTimeFormatter.ISO_INSTANT.format(entry.createdAt().truncatedTo(ChronoUnit.MILLIS)))
			.append(' ')
			.append(this.hostname)
			.append(' ')
			.append(this.appName)
			.append(' ')
			.append(this.procId)
			.append(' ')
			.append(header(entry.action(), 32))
			.append(" [")
			.append(SD_ID);
		Map<String, @Nullable Object> params = new LinkedHashMap<>();
		params.put("id", entry.id());
		params.put("action", entry.action());
		params.put("admin_id", entry.adminId());
		params.put("admin_email", entry.adminEmail());
		params.put("entity_type", entry.entityType());
		params.put("entity_id", entry.entityId());
		params.put("details", entry.details());
		params.put("ip", entry.ip());
		params.put("request_id", entry.requestId());
		params.forEach((name, value) -> {
			if (value != null && !value.toString().isEmpty()) {
				m.append(' ').append(name).append("=\"").append(paramValue(value.toString())).append('"');
			}
		});
		m.append("] ").append(this.json.writeValueAsString(entry));
		return m.toString();
	}

	/**
	 * A header field: printable US-ASCII without spaces, at most {@code max} characters,
	 * {@code -} when empty (RFC 5424 6.2).
	 */
	static String header(String value, int max) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < value.length() && out.length() < max; i++) {
			char c = value.charAt(i);
			out.append((c > 32 && c < 127) ? c : '_');
		}
		return out.isEmpty() ? "-" : out.toString();
	}

	/** RFC 5424 6.3.3: '"', '\' and ']' are escaped with a backslash. */
	static String paramValue(String value) {
		StringBuilder out = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\' || c == ']') {
				out.append('\\');
			}
			out.append(c);
		}
		return out.toString();
	}

}
