package dev.vigil.email;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailSendException;

/**
 * Why a mail was not sent, in the SMTP server's words, and whether trying again can help
 * (a refused login or a rejected address cannot).
 */
final class MailFailure extends Exception {

	private static final int MAX_LENGTH = 500;

	private static final Pattern SMTP_CODE = Pattern.compile("\\s*([45])\\d\\d\\b");

	private final boolean permanent;

	MailFailure(String message, boolean permanent) {
		// An expected outcome, recorded and shown: no stack trace.
		super(message, null, false, false);
		this.permanent = permanent;
	}

	boolean permanent() {
		return this.permanent;
	}

	/** Describes a Spring or Jakarta Mail exception; never includes the password. */
	static MailFailure of(Exception ex, @Nullable String password) {
		List<Throwable> chain = chain(ex);
		boolean permanent = false;
		Throwable specific = ex;
		Throwable refusal = null;
		for (Throwable t : chain) {
			boolean refused = t instanceof AuthenticationFailedException || t instanceof AddressException
					|| t instanceof SendFailedException;
			if (refused) {
				Matcher code = SMTP_CODE.matcher(String.valueOf(t.getMessage()));
				if (code.lookingAt()) {
					// The server's own answer: 5xx is final, 4xx is worth another try.
					refusal = t;
					permanent = code.group(1).equals("5");
					break;
				}
				if (refusal == null) {
					refusal = t;
					permanent = true;
				}
			}
			else if (t instanceof MessagingException && refusal == null) {
				specific = t;
			}
		}
		if (refusal != null) {
			specific = refusal;
		}
		String message = text(specific);
		if (specific instanceof AuthenticationFailedException) {
			message = "SMTP login refused: " + message;
		}
		Throwable cause = specific.getCause();
		if (cause instanceof IOException io && io.getMessage() != null && !message.contains(io.getMessage())) {
			message = message + ": " + io.getMessage();
		}
		if (password != null && !password.isEmpty()) {
			message = message.replace(password, "***");
		}
		if (message.length() > MAX_LENGTH) {
			message = message.substring(0, MAX_LENGTH) + "…";
		}
		return new MailFailure(message, permanent);
	}

	private static String text(Throwable t) {
		String message = (t.getMessage() != null) ? t.getMessage() : t.getClass().getSimpleName();
		// Jakarta Mail appends the nested exceptions' text; the cause is described apart.
		int nested = message.indexOf("nested exception is");
		if (nested > 0) {
			message = message.substring(0, nested);
		}
		message = message.replaceAll("\\s+", " ").trim();
		while (message.endsWith(";")) {
			message = message.substring(0, message.length() - 1).trim();
		}
		return message.isEmpty() ? t.getClass().getSimpleName() : message;
	}

	/**
	 * The exception, its causes, Jakarta Mail's next exceptions and Spring's failed
	 * messages, depth first.
	 */
	private static List<Throwable> chain(Throwable root) {
		List<Throwable> all = new ArrayList<>();
		List<Throwable> todo = new ArrayList<>(List.of(root));
		while (!todo.isEmpty() && all.size() < 20) {
			Throwable t = todo.remove(0);
			if (all.contains(t)) {
				continue;
			}
			all.add(t);
			List<Throwable> next = new ArrayList<>();
			if (t instanceof MailSendException send) {
				send.getFailedMessages().values().forEach(next::add);
			}
			if (t instanceof MessagingException messaging && messaging.getNextException() != null) {
				next.add(messaging.getNextException());
			}
			if (t.getCause() != null) {
				next.add(t.getCause());
			}
			todo.addAll(0, next);
		}
		return all;
	}

}
