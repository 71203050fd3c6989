package dev.vigil.support;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * JSON log lines in the shape Vigil's {@code LogLineFormatter} writes them, for tests
 * that write the log files the server reads. Values are written as given (no escaping),
 * without a line break.
 */
public final class LogLines {

	/** A fixed time, for files whose content a test compares. */
	public static final Instant FIXED_TIME = Instant.parse("2026-11-22T10:00:00Z");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private LogLines() {
	}

	/** A line written now. */
	public static String line(String level, String msg) {
		return line(Instant.now(), level, msg, "");
	}

	public static String line(Instant time, String level, String msg) {
		return line(time, level, msg, "");
	}

	/**
	 * @param extraFields more fields as JSON, each after a comma: {@code ,"status":504}
	 */
	public static String line(Instant time, String level, String msg, String extraFields) {
		return "{\"time\":\"" + TIME.format(time) + "\",\"level\":\"" + level + "\",\"msg\":\"" + msg
				+ "\",\"logger\":\"dev.vigil.Test\",\"thread\":\"main\"" + extraFields + "}";
	}

}
