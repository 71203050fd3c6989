package dev.vigil.logs;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * The timestamps log lines carry, read into epoch milliseconds ({@link LogEntry#NO_TIME}
 * when unreadable) and written back as ISO-8601 UTC with milliseconds. A time without an
 * offset is in the JVM's zone: the files are local and their writers use local time.
 */
final class LogTimes {

	private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter
		.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	/**
	 * ISO-8601 date and time, {@code T} or a space between, optional fraction ({@code .}
	 * or {@code ,}), optional offset ({@code Z}, {@code +01:00}, {@code +0100},
	 * {@code +01}).
	 */
	private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder().parseCaseInsensitive()
		.append(DateTimeFormatter.ISO_LOCAL_DATE)
		.optionalStart()
		.appendLiteral('T')
		.optionalEnd()
		.optionalStart()
		.appendLiteral(' ')
		.optionalEnd()
		.appendValue(ChronoField.HOUR_OF_DAY, 2)
		.appendLiteral(':')
		.appendValue(ChronoField.MINUTE_OF_HOUR, 2)
		.appendLiteral(':')
		.appendValue(ChronoField.SECOND_OF_MINUTE, 2)
		.optionalStart()
		.appendLiteral('.')
		.appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, false)
		.optionalEnd()
		.optionalStart()
		.appendLiteral(',')
		.appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, false)
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HH:MM", "Z")
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HHMM", "Z")
		.optionalEnd()
		.optionalStart()
		.appendOffset("+HH", "Z")
		.optionalEnd()
		.toFormatter(Locale.ROOT);

	/** nginx error log: {@code 2026/11/22 10:00:00}. */
	private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.ROOT);

	private static final String[] MONTHS = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
			"Nov", "Dec" };

	private LogTimes() {
	}

	/** {@code 2026-11-22T10:00:00.123Z}. */
	static String format(long epochMillis) {
		LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000), 0, ZoneOffset.UTC);
		if (time.getYear() < 0 || time.getYear() > 9999) {
			return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
		}
		// by hand: a formatter costs more than the rest of a plain line's parsing
		StringBuilder s = new StringBuilder(24);
		pad(s, time.getYear(), 4).append('-');
		pad(s, time.getMonthValue(), 2).append('-');
		pad(s, time.getDayOfMonth(), 2).append('T');
		pad(s, time.getHour(), 2).append(':');
		pad(s, time.getMinute(), 2).append(':');
		pad(s, time.getSecond(), 2).append('.');
		return pad(s, (int) Math.floorMod(epochMillis, 1000), 3).append('Z').toString();
	}

	private static StringBuilder pad(StringBuilder s, int value, int width) {
		for (int limit = 10, i = 1; i < width; i++, limit *= 10) {
			if (value < limit) {
				s.append('0');
			}
		}
		return s.append(value);
	}

	/**
	 * {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} (Vigil's own lines: milliseconds; other writers
	 * of the shape, {@code Instant.toString()}: none to nanoseconds), without a parser:
	 * this runs for every line of the own log.
	 */
	static long utc(String s) {
		int length = s.length();
		if (length < 20 || length > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
				|| s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(length - 1) != 'Z'
				|| (length > 20 && (s.charAt(19) != '.' || length == 21))) {
			return LogEntry.NO_TIME;
		}
		int year = digits(s, 0, 4);
		int month = digits(s, 5, 2);
		int day = digits(s, 8, 2);
		int hour = digits(s, 11, 2);
		int minute = digits(s, 14, 2);
		int second = digits(s, 17, 2);
		int fraction = (length > 20) ? digits(s, 20, length - 21) : 0;
		if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
				|| minute > 59 || second < 0 || second > 59 || fraction < 0) {
			return LogEntry.NO_TIME;
		}
		int millis = (length > 20) ? digits(s, 20, Math.min(3, length - 21)) : 0;
		for (int i = length - 21; i < 3; i++) {
			millis *= 10;
		}
		try {
			long days = LocalDate.of(year, month, day).toEpochDay();
			return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
		}
		catch (DateTimeException ex) {
			return LogEntry.NO_TIME;
		}
	}

	private static int digits(String s, int from, int count) {
		int value = 0;
		for (int i = from; i < from + count; i++) {
			char c = s.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	/** An ISO-8601-like date and time (see {@link #ISO}), or a number of epoch units. */
	static long parse(String s) {
		long utc = utc(s);
		if (utc != LogEntry.NO_TIME) {
			return utc;
		}
		if (s.length() >= 19 && s.length() <= 40 && s.charAt(4) == '-') {
			try {
				TemporalAccessor parsed = ISO.parse(s.trim());
				LocalDateTime local = LocalDateTime.of(parsed.get(ChronoField.YEAR),
						parsed.get(ChronoField.MONTH_OF_YEAR), parsed.get(ChronoField.DAY_OF_MONTH),
						parsed.get(ChronoField.HOUR_OF_DAY), parsed.get(ChronoField.MINUTE_OF_HOUR),
						parsed.get(ChronoField.SECOND_OF_MINUTE),
						parsed.isSupported(ChronoField.NANO_OF_SECOND) ? parsed.get(ChronoField.NANO_OF_SECOND) : 0);
				ZoneId zone = parsed.isSupported(ChronoField.OFFSET_SECONDS)
						? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)) : ZoneId.systemDefault();
				return local.atZone(zone).toInstant().toEpochMilli();
			}
			catch (DateTimeException ex) {
				return LogEntry.NO_TIME;
			}
		}
		if (!s.isEmpty() && s.length() <= 24 && s.charAt(0) >= '0' && s.charAt(0) <= '9') {
			try {
				return epoch(Double.parseDouble(s));
			}
			catch (NumberFormatException ex) {
				return LogEntry.NO_TIME;
			}
		}
		return LogEntry.NO_TIME;
	}

	/**
	 * Epoch time in the unit its size suggests: seconds (zap, GELF; fractions allowed) up
	 * to 1e11 (year 5138), milliseconds (pino) up to 1e14, then microseconds, then
	 * nanoseconds.
	 */
	static long epoch(double value) {
		if (!Double.isFinite(value) || value < 0) {
			return LogEntry.NO_TIME;
		}
		if (value < 1e11) {
			// floor, but 1531171074.631 * 1000 is 1531171074630.9998
			return (long) Math.floor(value * 1000 + 0.001);
		}
		if (value < 1e14) {
			return (long) value;
		}
		if (value < 1e17) {
			return (long) (value / 1000);
		}
		return (long) (value / 1_000_000);
	}

	/** {@code 22/Nov/2026:10:00:00 +0000}, by hand (every line of an access log). */
	static long access(String s) {
		if (s.length() != 26 || s.charAt(2) != '/' || s.charAt(6) != '/' || s.charAt(11) != ':' || s.charAt(14) != ':'
				|| s.charAt(17) != ':' || s.charAt(20) != ' ' || (s.charAt(21) != '+' && s.charAt(21) != '-')) {
			return LogEntry.NO_TIME;
		}
		int month = month(s.substring(3, 6));
		int day = digits(s, 0, 2);
		int year = digits(s, 7, 4);
		int hour = digits(s, 12, 2);
		int minute = digits(s, 15, 2);
		int second = digits(s, 18, 2);
		int offsetHours = digits(s, 22, 2);
		int offsetMinutes = digits(s, 24, 2);
		if (month < 0 || day < 0 || year < 0 || hour < 0 || minute < 0 || second < 0 || offsetHours < 0
				|| offsetMinutes < 0) {
			return LogEntry.NO_TIME;
		}
		try {
			int offset = ((s.charAt(21) == '-') ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
			return LocalDateTime.of(year, month, day, hour, minute, second)
				.toInstant(ZoneOffset.ofTotalSeconds(offset))
				.toEpochMilli();
		}
		catch (DateTimeException ex) {
			return LogEntry.NO_TIME;
		}
	}

	private static int month(String name) {
		for (int i = 0; i < MONTHS.length; i++) {
			if (MONTHS[i].equals(name)) {
				return i + 1;
			}
		}
		return -1;
	}

	/** {@code 2026/11/22 10:00:00}, local time. */
	static long slashed(String s) {
		try {
			return LocalDateTime.parse(s, SLASHED).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
		}
		catch (DateTimeParseException ex) {
			return LogEntry.NO_TIME;
		}
	}

	/**
	 * RFC 3164's {@code Nov 22 10:00:00}: local time in the current year, or the year
	 * before when that would be more than a day ahead (December's lines read in January).
	 */
	static long syslog(String month, String day, String time, long now) {
		int m = month(month);
		if (m < 0) {
			return LogEntry.NO_TIME;
		}
		try {
			ZoneId zone = ZoneId.systemDefault();
			int year = Instant.ofEpochMilli(now).atZone(zone).getYear();
			LocalDateTime local = LocalDateTime.of(year, m, Integer.parseInt(day.trim()),
					Integer.parseInt(time.substring(0, 2)), Integer.parseInt(time.substring(3, 5)),
					Integer.parseInt(time.substring(6, 8)));
			long millis = local.atZone(zone).toInstant().toEpochMilli();
			if (millis > now + 86_400_000L) {
				millis = local.minusYears(1).atZone(zone).toInstant().toEpochMilli();
			}
			return millis;
		}
		catch (DateTimeException | NumberFormatException ex) {
			return LogEntry.NO_TIME;
		}
	}

}
