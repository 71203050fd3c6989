package dev.vigil.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API keys on the machine API ({@code /api/v1}).
 *
 * @param rateLimit requests per minute one key may make (streams count when they open)
 */
@ConfigurationProperties("vigil.api-keys")
record ApiKeyProperties(@DefaultValue("600") int rateLimit) {
}
