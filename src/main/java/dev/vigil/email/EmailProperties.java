package dev.vigil.email;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SMTP settings and delivery policy. Without a host, email is off.
 *
 * @param host the SMTP server ({@code VIGIL_MAIL_HOST}); blank turns email off
 * @param port the SMTP port ({@code VIGIL_MAIL_PORT}); 0 picks the usual one for the TLS
 * mode (587, 465 or 25)
 * @param username login ({@code VIGIL_MAIL_USERNAME}); blank sends without logging in
 * @param password ({@code VIGIL_MAIL_PASSWORD}); never logged nor shown
 * @param tls {@code starttls} (required, not opportunistic), {@code ssl} (implicit TLS)
 * or {@code none} ({@code VIGIL_MAIL_TLS})
 * @param from the sender address ({@code VIGIL_MAIL_FROM})
 * @param publicUrl the panel's address as its admins reach it ({@code VIGIL_PUBLIC_URL}),
 * for a link in each mail; blank leaves the link out
 * @param connectTimeout how long to wait for the SMTP connection
 * @param readTimeout how long to wait for each SMTP answer
 * @param maxAttempts how many times a delivery is tried before it is marked failed
 * @param retryBackoff the wait before the first retry; each later one waits four times
 * longer (with jitter)
 * @param properties extra Jakarta Mail properties ({@code mail.smtp.*}), for what the
 * settings above do not cover
 */
@ConfigurationProperties("vigil.email")
record EmailProperties(@Nullable String host, @DefaultValue("0") int port, @Nullable String username,
		@Nullable String password, @DefaultValue("starttls") Tls tls, @Nullable String from, @Nullable String publicUrl,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
		@DefaultValue("5") int maxAttempts, @DefaultValue("30s") Duration retryBackoff,
		@Nullable Map<String, String> properties) {

	enum Tls {

		STARTTLS, SSL, NONE

	}

	boolean configured() {
		return this.host != null && !this.host.isBlank();
	}

	int effectivePort() {
		if (this.port > 0) {
			return this.port;
		}
		return switch (this.tls) {
			case STARTTLS -> 587;
			case SSL -> 465;
			case NONE -> 25;
		};
	}

	String effectiveFrom() {
		return (this.from != null && !this.from.isBlank()) ? this.from.trim() : "vigil@localhost";
	}

}
