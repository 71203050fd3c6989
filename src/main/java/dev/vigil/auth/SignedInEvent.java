package dev.vigil.auth;

/**
 * Published after a successful sign-in, so other features (new-device notifications) can
 * react without the auth module knowing them.
 */
public record SignedInEvent(long adminId, String sessionId, String ip, String userAgent) {
}
