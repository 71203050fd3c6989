package dev.vigil;

/**
 * The request clashes with the current state (a taken email, a change made meanwhile).
 * The web layer answers 409 with the message.
 */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		// No stack trace: an expected answer, not a fault to locate.
		super(message, null, false, false);
	}

}
