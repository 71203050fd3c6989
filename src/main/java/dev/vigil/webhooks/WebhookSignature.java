package dev.vigil.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Vigil-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>},
 * the HMAC keyed with the endpoint's secret (its UTF-8 bytes) over {@code "<t>.<body>"}.
 * The timestamp inside the signed text lets receivers refuse replays (docs/decisions.md
 * gives the recipe).
 */
final class WebhookSignature {

	static final String HEADER = "X-Vigil-Signature";

	private WebhookSignature() {
	}

	static String header(String secret, long unixSeconds, String body) {
		return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + body);
	}

	static String hmac(String secret, String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is unavailable", ex);
		}
	}

}
