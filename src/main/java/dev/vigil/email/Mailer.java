package dev.vigil.email;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends plain-text mail over SMTP as configured. The sender is built here rather than
 * declared as a bean: Boot's mail health check (which would tie Vigil's health to the
 * SMTP server's) is not wanted, and no other module sends mail.
 */
@Component
class Mailer {

	private final EmailProperties properties;

	private final @Nullable JavaMailSenderImpl sender;

	Mailer(EmailProperties properties) {
		this.properties = properties;
		this.sender = properties.configured() ? sender(properties) : null;
	}

	boolean available() {
		return this.sender != null;
	}

	void send(String to, String subject, String text) throws MailFailure {
		JavaMailSenderImpl sender = this.sender;
		if (sender == null) {
			throw new MailFailure("email is not configured on this server", true);
		}
		try {
			MimeMessage message = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, false, StandardCharsets.UTF_8.name());
			helper.setFrom(this.properties.effectiveFrom());
			helper.setTo(to);
			helper.setSubject(subject);
			helper.setText(text);
			sender.send(message);
		}
		catch (MailException | MessagingException ex) {
			throw MailFailure.of(ex, this.properties.password());
		}
	}

	private static JavaMailSenderImpl sender(EmailProperties properties) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost(properties.host().trim());
		sender.setPort(properties.effectivePort());
		sender.setProtocol("smtp");
		sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
		boolean login = properties.username() != null && !properties.username().isBlank();
		if (login) {
			sender.setUsername(properties.username());
			sender.setPassword(properties.password());
		}
		Properties mail = new Properties();
		mail.setProperty("mail.smtp.auth", Boolean.toString(login));
		// Short timeouts: a test mail is sent while the admin waits, and a stuck server
		// must not hold a job worker for long.
		String connect = Long.toString(properties.connectTimeout().toMillis());
		String read = Long.toString(properties.readTimeout().toMillis());
		mail.setProperty("mail.smtp.connectiontimeout", connect);
		mail.setProperty("mail.smtp.timeout", read);
		mail.setProperty("mail.smtp.writetimeout", read);
		switch (properties.tls()) {
			case STARTTLS -> {
				// Required: never fall back to sending the login in clear text.
				mail.setProperty("mail.smtp.starttls.enable", "true");
				mail.setProperty("mail.smtp.starttls.required", "true");
			}
			case SSL -> mail.setProperty("mail.smtp.ssl.enable", "true");
			case NONE -> {
			}
		}
		mail.setProperty("mail.smtp.ssl.checkserveridentity", "true");
		if (properties.properties() != null) {
			properties.properties().forEach(mail::setProperty);
		}
		sender.setJavaMailProperties(mail);
		return sender;
	}

}
