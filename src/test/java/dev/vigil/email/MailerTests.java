package dev.vigil.email;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.vigil.support.SilentServer;
import dev.vigil.email.EmailProperties.Tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The SMTP sender against a real SMTP server (GreenMail): plain and implicit TLS, a
 * server without STARTTLS when it is required, a refused login, and unreachable or silent
 * servers.
 */
class MailerTests {

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void sendsPlainTextMailWithoutTls() throws Exception {
		GreenMail smtp = start(ServerSetupTest.SMTP);
		Mailer mailer = new Mailer(properties(smtp.getSmtp().getPort(), Tls.NONE, null, null, Map.of()));
		assertThat(mailer.available()).isTrue();

		mailer.send("alice@vigil.test", "[Vigil] Disk almost full", "92% used\nof /data");

		MimeMessage[] received = smtp.getReceivedMessages();
		assertThat(received).hasSize(1);
		assertThat(received[0].getSubject()).isEqualTo("[Vigil] Disk almost full");
		assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("alice@vigil.test");
		assertThat(received[0].getFrom()[0].toString()).isEqualTo("vigil@vigil.test");
		assertThat(received[0].getContent().toString()).contains("92% used").contains("of /data");
	}

	@Test
	void sendsOverImplicitTls() throws Exception {
		GreenMail smtps = start(ServerSetupTest.SMTPS);
		// GreenMail's certificate is self-signed: trusted here, in the test only.
		Mailer mailer = new Mailer(properties(smtps.getSmtps().getPort(), Tls.SSL, null, null,
				Map.of("mail.smtp.ssl.trust", "127.0.0.1", "mail.smtp.ssl.checkserveridentity", "false")));

		mailer.send("bob@vigil.test", "[Vigil] Over TLS", "encrypted");

		assertThat(smtps.getReceivedMessages()).hasSize(1);
		assertThat(smtps.getReceivedMessages()[0].getSubject()).isEqualTo("[Vigil] Over TLS");
	}

	@Test
	void tlsSettingsRefuseAServerThatCannotDoThem() throws Exception {
		GreenMail plain = start(ServerSetupTest.SMTP);
		Mailer starttls = new Mailer(properties(plain.getSmtp().getPort(), Tls.STARTTLS, "vigil", "s3cret-pw",
				Map.of("mail.smtp.ssl.trust", "127.0.0.1")));

		// Required, not opportunistic: no fallback to sending the login in clear text.
		assertThatExceptionOfType(MailFailure.class)
			.isThrownBy(() -> starttls.send("carol@vigil.test", "[Vigil] x", "y"))
			.withMessageContaining("STARTTLS");
		assertThat(plain.getReceivedMessages()).isEmpty();

		Mailer ssl = new Mailer(
				properties(plain.getSmtp().getPort(), Tls.SSL, null, null, Map.of("mail.smtp.ssl.trust", "127.0.0.1")));
		assertThatExceptionOfType(MailFailure.class).isThrownBy(() -> ssl.send("carol@vigil.test", "[Vigil] x", "y"))
			.satisfies((failure) -> assertThat(failure.permanent()).isFalse());
		assertThat(plain.getReceivedMessages()).isEmpty();
	}

	@Test
	void aRefusedLoginIsAPermanentFailureWithTheServersWordsAndNoPassword() throws Exception {
		GreenMail smtp = start(ServerSetupTest.SMTP);
		smtp.getUserManager().setAuthRequired(true);
		smtp.setUser("vigil@vigil.test", "vigil", "the-right-one");
		Mailer mailer = new Mailer(properties(smtp.getSmtp().getPort(), Tls.NONE, "vigil", "wrong-pass-123", Map.of()));

		assertThatExceptionOfType(MailFailure.class).isThrownBy(() -> mailer.send("dave@vigil.test", "[Vigil] x", "y"))
			.satisfies((failure) -> {
				assertThat(failure.permanent()).isTrue();
				assertThat(failure.getMessage()).startsWith("SMTP login refused: 535")
					.doesNotContain("wrong-pass-123")
					.doesNotContain("Exception");
				assertThat(failure.getStackTrace()).isEmpty();
			});
		assertThat(smtp.getReceivedMessages()).isEmpty();

		Mailer right = new Mailer(properties(smtp.getSmtp().getPort(), Tls.NONE, "vigil", "the-right-one", Map.of()));
		right.send("dave@vigil.test", "[Vigil] x", "y");
		assertThat(smtp.getReceivedMessages()).hasSize(1);
	}

	@Test
	void anUnreachableServerIsATransientFailure() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Mailer mailer = new Mailer(properties(port, Tls.NONE, null, null, Map.of()));
		assertThatExceptionOfType(MailFailure.class).isThrownBy(() -> mailer.send("erin@vigil.test", "s", "b"))
			.satisfies((failure) -> {
				assertThat(failure.permanent()).isFalse();
				assertThat(failure.getMessage()).contains("Couldn't connect to host").contains("Connection refused");
			});
	}

	@Test
	void aSilentServerTimesOutWithinTheReadTimeout() throws Exception {
		SilentServer silent = SilentServer.listen(0);
		this.closeables.add(silent);
		Mailer mailer = new Mailer(properties(silent.port(), Tls.NONE, null, null, Map.of()));

		long start = System.nanoTime();
		assertThatExceptionOfType(MailFailure.class).isThrownBy(() -> mailer.send("frank@vigil.test", "s", "b"))
			.satisfies((failure) -> {
				assertThat(failure.permanent()).isFalse();
				assertThat(failure.getMessage()).containsIgnoringCase("timed out");
			});
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void withoutAHostEmailIsOff() {
		Mailer mailer = new Mailer(new EmailProperties(" ", 0, null, null, Tls.STARTTLS, null, null,
				Duration.ofSeconds(1), Duration.ofSeconds(1), 5, Duration.ofSeconds(1), null));
		assertThat(mailer.available()).isFalse();
		assertThatExceptionOfType(MailFailure.class).isThrownBy(() -> mailer.send("a@b.c", "s", "b"))
			.withMessage("email is not configured on this server");
	}

	private GreenMail start(ServerSetup setup) {
		GreenMail mail = new GreenMail(setup.dynamicPort());
		mail.start();
		this.closeables.add(mail::stop);
		return mail;
	}

	private static EmailProperties properties(int port, Tls tls, @Nullable String username, @Nullable String password,
			Map<String, String> extra) {
		return new EmailProperties("127.0.0.1", port, username, password, tls, "vigil@vigil.test", null,
				Duration.ofSeconds(2), Duration.ofSeconds(2), 3, Duration.ofMillis(100), extra);
	}

}
