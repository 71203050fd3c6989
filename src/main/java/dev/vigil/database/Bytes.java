package dev.vigil.database;

import java.util.Locale;

/**
 * Byte counts for people, in results and messages: binary units, as the admin UI shows
 * them.
 */
final class Bytes {

	private Bytes() {
	}

	static String format(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		String[] units = { "KB", "MB", "GB", "TB" };
		double value = bytes;
		int unit = -1;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
	}

}
