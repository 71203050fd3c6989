package dev.vigil.jobs;

import java.time.Duration;
import java.util.Locale;

/** A maintenance task's run took longer than its timeout and was interrupted. */
public class TaskTimedOutException extends RuntimeException {

	TaskTimedOutException(Duration timeout) {
		super("timed out after " + readable(timeout));
	}

	/** {@code PT1H30M} as {@code 1h30m}. */
	static String readable(Duration duration) {
		return duration.toString().substring(2).toLowerCase(Locale.ROOT);
	}

}
