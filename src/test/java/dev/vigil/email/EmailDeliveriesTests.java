package dev.vigil.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.vigil.email.EmailProperties.Tls;

import static org.assertj.core.api.Assertions.assertThat;

/** The mail a delivery sends, and the wait before each retry. */
class EmailDeliveriesTests {

	static final EmailRepository.Delivery DELIVERY = new EmailRepository.Delivery(1, 42, 7, "ada@x.test", "warning",
			"Disk\r\nalmost full", "/data is 91% used", Instant.parse("2026-12-06T12:00:00.123Z"), "queued", 0, null,
			Instant.EPOCH, Instant.EPOCH, null);

	@Test
	void subjectIsTheTitleOnOneLineWithThePrefix() {
		assertThat(EmailDeliveries.subject(DELIVERY)).isEqualTo("[Vigil] Disk almost full");
	}

	@Test
	void bodyHasMessageTypeTimeAndThePanelLinkWhenConfigured() {
		assertThat(EmailDeliveries.body(DELIVERY, "https://vigil.example.com//")).startsWith("/data is 91% used\n\n")
			.contains("Type: warning\n")
			.contains("Time: 2026-12-06T12:00:00.123Z\n")
			.contains("Open Vigil: https://vigil.example.com/admin/notifications\n")
			.contains("Profile > Channels");
		assertThat(EmailDeliveries.body(DELIVERY, null)).doesNotContain("Open Vigil");
		assertThat(EmailDeliveries.body(DELIVERY, " ")).doesNotContain("Open Vigil");
	}

	@Test
	void retriesWaitFourTimesLongerEachTimeWithJitter() {
		EmailDeliveries deliveries = new EmailDeliveries(
				null, null, null, new EmailProperties("smtp", 0, null, null, Tls.NONE, null, null,
						Duration.ofSeconds(1), Duration.ofSeconds(1), 5, Duration.ofSeconds(30), null),
				Clock.systemUTC());
		for (int i = 0; i < 50; i++) {
			assertThat(deliveries.backoff(1)).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36));
			assertThat(deliveries.backoff(2)).isBetween(Duration.ofSeconds(96), Duration.ofSeconds(144));
			assertThat(deliveries.backoff(4)).isBetween(Duration.ofMinutes(32).multipliedBy(8).dividedBy(10),
					Duration.ofMinutes(32).multipliedBy(12).dividedBy(10));
		}
	}

}
