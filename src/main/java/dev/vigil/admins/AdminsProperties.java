package dev.vigil.admins;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first admin, created when there is none
 * ({@code VIGIL_ADMIN_EMAIL}/{@code VIGIL_ADMIN_PASSWORD}). Without them the first run
 * creates {@code admin@localhost} with a random password printed once.
 */
@ConfigurationProperties("vigil.admins")
record AdminsProperties(@Nullable String bootstrapEmail, @Nullable String bootstrapPassword) {
}
