package dev.vigil;

/**
 * The request cannot be carried out as asked (an admin deleting themself, a cursor beyond
 * the file). The web layer answers 400 with the message.
 */
public class InvalidRequestException extends RuntimeException {

	public InvalidRequestException(String message) {
		// No stack trace: an expected answer, not a fault to locate.
		super(message, null, false, false);
	}

}
