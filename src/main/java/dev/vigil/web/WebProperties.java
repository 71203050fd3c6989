package dev.vigil.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Cross-cutting HTTP settings.
 *
 * @param trustProxy take the client address from {@code X-Forwarded-For} (only behind a
 * proxy you run)
 * @param trustedProxies how many proxies you run in a chain in front of Vigil: the client
 * address is the {@code X-Forwarded-For} entry that many places from the right (what the
 * outermost of them saw)
 * @param allowedOrigins extra origins allowed for CORS and WebSocket handshakes;
 * same-origin is always allowed
 * @param maxBodySize largest accepted request body
 */
@ConfigurationProperties("vigil.web")
public record WebProperties(@DefaultValue("false") boolean trustProxy, @DefaultValue("1") int trustedProxies,
		@DefaultValue List<String> allowedOrigins, @DefaultValue("2MB") DataSize maxBodySize) {
}
