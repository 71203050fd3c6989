package dev.vigil.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;

import io.jsonwebtoken.security.Keys;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.vigil.support.TotpCodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TotpTests {

	/** RFC 6238 appendix B's SHA-1 secret, base32. */
	private static final String RFC_SECRET = new Base32()
		.encodeToString("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

	/** RFC 6238 appendix B, SHA-1 column, last six of its eight digits. */
	@ParameterizedTest
	@CsvSource({ "59, 287082", "1111111109, 081804", "1111111111, 050471", "1234567890, 005924", "2000000000, 279037",
			"20000000000, 353130" })
	void matchesTheRfcTestVectors(long time, String code) {
		long step = Totp.step(Instant.ofEpochSecond(time));
		assertThat(Totp.code(RFC_SECRET, step)).isEqualTo(code);
		assertThat(TotpCodes.code(RFC_SECRET, step)).isEqualTo(code);
	}

	@Test
	void acceptsOneStepOfDriftEitherSideAndNoMore() {
		String secret = Totp.newSecret();
		Instant now = Instant.ofEpochSecond(1_700_000_000L);
		long step = Totp.step(now);
		assertThat(Totp.match(secret, Totp.code(secret, step), now)).hasValue(step);
		assertThat(Totp.match(secret, Totp.code(secret, step - 1), now)).hasValue(step - 1);
		assertThat(Totp.match(secret, Totp.code(secret, step + 1), now)).hasValue(step + 1);
		assertThat(Totp.match(secret, Totp.code(secret, step - 2), now)).isEmpty();
		assertThat(Totp.match(secret, Totp.code(secret, step + 2), now)).isEmpty();
	}

	@Test
	void newSecretsAre160BitsOfBase32AndTheUriIsWhatAppsRead() {
		String secret = Totp.newSecret();
		assertThat(secret).matches("[A-Z2-7]{32}");
		assertThat(new Base32().decode(secret)).hasSize(20);
		assertThat(Totp.uri("Vigil", "ann@example.com", secret))
			.isEqualTo("otpauth://totp/Vigil:ann%40example.com?secret=" + secret
					+ "&issuer=Vigil&algorithm=SHA1&digits=6&period=30");
	}

	@Test
	void secretBoxOpensOnlyWithTheSameSigningKeyAndLabel() throws Exception {
		SecretBox box = new SecretBox(Keys.hmacShaKeyFor(new byte[32]), "test v1");
		String sealed = box.seal("JBSWY3DPEHPK3PXP");
		assertThat(sealed).doesNotContain("JBSWY3DPEHPK3PXP");
		assertThat(box.open(sealed)).isEqualTo("JBSWY3DPEHPK3PXP");
		byte[] other = new byte[32];
		other[0] = 1;
		SecretBox otherBox = new SecretBox(Keys.hmacShaKeyFor(other), "test v1");
		assertThatExceptionOfType(GeneralSecurityException.class).isThrownBy(() -> otherBox.open(sealed));
		SecretBox otherUse = new SecretBox(Keys.hmacShaKeyFor(new byte[32]), "another use v1");
		assertThatExceptionOfType(GeneralSecurityException.class).isThrownBy(() -> otherUse.open(sealed));
	}

}
