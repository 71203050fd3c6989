package dev.vigil.auth;

/**
 * Published after a successful sign-in, so other features (new-device notifications) can
 * react without the auth module knowing them.
 *
 * @param method how the admin proved who they are: {@code password}, {@code sso},
 * {@code forward}
 * @param newDevice signed in from an address + user agent this admin never signed in from
 * before; an account's first device is not new
 */
public record SignedIn(long adminId, String sessionId, String method, String ip, String userAgent, boolean newDevice) {
}
