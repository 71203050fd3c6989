package dev.vigil.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTests {

	@Test
	void withoutTrustTheForwardedHeaderIsIgnored() {
		assertThat(address(false, 1, "6.6.6.6")).isEqualTo("10.0.0.1");
	}

	@Test
	void oneTrustedProxyVouchesForTheRightMostEntry() {
		assertThat(address(true, 1, "6.6.6.6, 203.0.113.7")).isEqualTo("203.0.113.7");
		assertThat(address(true, 1, "203.0.113.7")).isEqualTo("203.0.113.7");
		assertThat(address(true, 1, "6.6.6.6", "203.0.113.7")).isEqualTo("203.0.113.7");
	}

	@Test
	void twoTrustedProxiesVouchForTheSecondEntryFromTheRight() {
		assertThat(address(true, 2, "6.6.6.6, 203.0.113.7, 10.0.0.9")).isEqualTo("203.0.113.7");
		// Fewer entries than proxies: the header did not pass them all.
		assertThat(address(true, 2, "203.0.113.7")).isEqualTo("10.0.0.1");
	}

	@Test
	void anUnusableEntryFallsBackToThePeer() {
		assertThat(address(true, 1, "6.6.6.6, ")).isEqualTo("10.0.0.1");
		assertThat(address(true, 1, "x".repeat(65))).isEqualTo("10.0.0.1");
		assertThat(address(true, 1)).isEqualTo("10.0.0.1");
	}

	private static String address(boolean trustProxy, int trustedProxies, String... forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr("10.0.0.1");
		for (String header : forwardedFor) {
			request.addHeader("X-Forwarded-For", header);
		}
		return new ClientAddress(new WebProperties(trustProxy, trustedProxies, List.of(), DataSize.ofMegabytes(2)))
			.of(request);
	}

}
