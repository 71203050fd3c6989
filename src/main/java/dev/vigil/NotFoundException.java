package dev.vigil;

/**
 * What was asked for does not exist (or is not the caller's to see). The web layer
 * answers 404 with the message.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		// No stack trace: an expected answer, not a fault to locate.
		super(message, null, false, false);
	}

}
