package dev.vigil.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/**
 * The address of the client that made a request. {@code X-Forwarded-For} is read only
 * when {@code vigil.web.trust-proxy=true}, and then only the entry the trusted proxies
 * wrote: each proxy appends the address it received the request from, so with {@code n}
 * trusted proxies the client is the {@code n}-th entry from the right. Everything left of
 * it the client wrote itself.
 */
@Component
public class ClientAddress {

	private static final int MAX_LENGTH = 64;

	private final boolean trustProxy;

	private final int trustedHops;

	ClientAddress(WebProperties properties) {
		this.trustProxy = properties.trustProxy();
		this.trustedHops = Math.max(1, properties.trustedProxies());
	}

	public String of(HttpServletRequest request) {
		if (this.trustProxy) {
			List<String> entries = new ArrayList<>();
			// Several X-Forwarded-For headers are one list, in order.
			for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
				for (String entry : header.split(",")) {
					entries.add(entry.trim());
				}
			}
			// Fewer entries than trusted proxies: the request skipped one, so none of
			// them is vouched for.
			if (entries.size() >= this.trustedHops) {
				String client = entries.get(entries.size() - this.trustedHops);
				if (!client.isEmpty() && client.length() <= MAX_LENGTH) {
					return client;
				}
			}
		}
		return request.getRemoteAddr();
	}

}
