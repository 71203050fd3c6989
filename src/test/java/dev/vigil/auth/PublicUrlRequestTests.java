package dev.vigil.auth;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.util.UrlUtils;

import static org.assertj.core.api.Assertions.assertThat;

class PublicUrlRequestTests {

	@Test
	void theCallbackLooksAsTheBrowserRequestedItBehindATlsProxy() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", SsoConfiguration.CALLBACK);
		request.setServerName("10.0.0.7");
		request.setServerPort(8080);
		request.setQueryString("code=c&state=s");
		PublicUrlRequest wrapped = new PublicUrlRequest(request, "https://vigil.example.com/");
		// What Spring's login filter compares with the redirect URI it sent.
		assertThat(UrlUtils.buildFullRequestUrl(wrapped))
			.isEqualTo("https://vigil.example.com" + SsoConfiguration.CALLBACK + "?code=c&state=s");
		assertThat(wrapped.getRequestURL()).hasToString("https://vigil.example.com" + SsoConfiguration.CALLBACK);
		assertThat(PublicUrlRequest.origin("http://vigil.test:8443/panel")).isEqualTo("http://vigil.test:8443");
	}

}
