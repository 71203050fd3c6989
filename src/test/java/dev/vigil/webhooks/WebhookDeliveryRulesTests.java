package dev.vigil.webhooks;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.InvalidRequestException;
import dev.vigil.notifications.NotificationsSent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules of a delivery that need no server: signature, URL checks, addresses, backoff.
 */
class WebhookDeliveryRulesTests {

	@Test
	void theSignatureIsHmacSha256OfTimestampDotBody() {
		// RFC 4231 test case 2 ("Jefe"), with the text as "<t>.<body>".
		assertThat(WebhookSignature.hmac("Jefe", "what do ya want for nothing?"))
			.isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
		assertThat(WebhookSignature.header("Jefe", 1700000000L, "{}"))
			.isEqualTo("t=1700000000,v1=" + WebhookReceiver.hmacHex("Jefe", "1700000000.{}"));
	}

	@Test
	void urlsMustBeHttpWithAHostAndNoCredentials() {
		assertThat(WebhookService.checkedUrl(" https://hooks.example.com/a?b=c "))
			.isEqualTo("https://hooks.example.com/a?b=c");
		assertThat(WebhookService.checkedUrl("HTTP://127.0.0.1:8080/x")).isEqualTo("HTTP://127.0.0.1:8080/x");
		for (String bad : List.of("ftp://example.com", "javascript:alert(1)", "file:///etc/passwd", "/relative",
				"http://", "https://user@example.com/", "https://example.com/#frag", "http://exa mple.com")) {
			assertThatThrownBy(() -> WebhookService.checkedUrl(bad)).as(bad)
				.isInstanceOf(InvalidRequestException.class)
				.hasMessageStartingWith("url: ");
		}
		assertThat(WebhookService.origin("https://hooks.slack.com/services/T0/B0/secret"))
			.isEqualTo("https://hooks.slack.com");
	}

	@Test
	void nonPublicAddressesAreRecognised() throws Exception {
		for (String address : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
				"0.0.0.0", "100.64.0.1", "::1", "fe80::1", "fd00::1", "224.0.0.1")) {
			assertThat(WebhookDeliveries.isPublic(InetAddress.getByName(address))).as(address).isFalse();
		}
		for (String address : List.of("1.1.1.1", "93.184.216.34", "100.128.0.1", "2606:4700::1111")) {
			assertThat(WebhookDeliveries.isPublic(InetAddress.getByName(address))).as(address).isTrue();
		}
		assertThat(WebhookDeliveries.refusedAddress("127.0.0.1"))
			.isEqualTo("address not allowed: 127.0.0.1 resolves to non-public 127.0.0.1");
	}

	@Test
	void retriesWaitTheConfiguredDelaysWithinTheJitter() {
		WebhooksProperties properties = new WebhooksProperties(
				List.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(90)), 0.2,
				Duration.ofSeconds(3), Duration.ofSeconds(10), true, Duration.ofDays(30), 1000);
		WebhookDeliveries deliveries = new WebhookDeliveries(null, properties, null, null, null);
		assertThat(properties.maxAttempts()).isEqualTo(4);
		for (int i = 0; i < 200; i++) {
			assertThat(deliveries.delay(1).toMillis()).isBetween(8_000L, 12_000L);
			assertThat(deliveries.delay(3).toMillis()).isBetween(72_000L, 108_000L);
		}
		assertThat(java.util.stream.IntStream.range(0, 50).mapToObj((i) -> deliveries.delay(2)).distinct().count())
			.as("jittered, not fixed")
			.isGreaterThan(1);
	}

	@Test
	void slackTextCarriesTypeTitleAndMessageEscaped() {
		NotificationsSent sent = new NotificationsSent("error", "Disk <full>", "a & b", null, "all", List.of(),
				Instant.EPOCH);
		assertThat(WebhookPayloads.slackText(sent)).isEqualTo("*[ERROR] Disk &lt;full&gt;*\na &amp; b");
		assertThat(WebhookPayloads
			.slackText(new NotificationsSent("info", "Only a title", "", null, "all", List.of(), Instant.EPOCH)))
			.isEqualTo("*[INFO] Only a title*");
	}

	@Test
	void generatedSecretsAreLongAndDistinct() {
		String secret = WebhookService.newSecret();
		assertThat(secret).startsWith("whsec_").hasSize(6 + 43);
		assertThat(WebhookService.newSecret()).isNotEqualTo(secret);
	}

}
