package dev.vigil.auth;

/**
 * A role was created, its definition changed (its scopes or log sources) or it was
 * deleted: open streams of admins with this role are checked against what it allows now.
 * Published synchronously, after the change is stored and the cached definition dropped.
 *
 * @param name the role's name
 */
public record RoleChanged(String name) {
}
