package dev.vigil.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The address of the client that made a request. {@code X-Forwarded-For} is spoofable, so it is
 * read only when {@code vigil.web.trust-proxy=true}.
 */
@Component
public class ClientAddress {

	private final boolean trustProxy;

	ClientAddress(WebProperties properties) {
		this.trustProxy = properties.trustProxy();
	}

	public String of(HttpServletRequest request) {
		if (this.trustProxy) {
			String forwarded = request.getHeader("X-Forwarded-For");
			if (StringUtils.hasText(forwarded)) {
				String first = forwarded.split(",", 2)[0].trim();
				if (!first.isEmpty() && first.length() <= 64) {
					return first;
				}
			}
		}
		return request.getRemoteAddr();
	}

}
