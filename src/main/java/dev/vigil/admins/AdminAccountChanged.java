package dev.vigil.admins;

/**
 * Published after an admin account is created, deactivated or deleted.
 *
 * @param actorId the admin who made the change
 */
public record AdminAccountChanged(long adminId, String email, Change change, long actorId) {

	public enum Change {

		CREATED, DEACTIVATED, DELETED

	}

}
