package dev.vigil.auth;

/**
 * An admin was given another role (on the Admins page or by an identity provider's group
 * mapping): their open streams, API keys' included, are checked against what the new role
 * allows. Published after the change is stored.
 *
 * @param adminId the admin
 * @param role the new role's name
 */
public record AdminRoleChanged(long adminId, String role) {
}
