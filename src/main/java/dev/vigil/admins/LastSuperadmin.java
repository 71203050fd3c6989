package dev.vigil.admins;

import org.springframework.stereotype.Component;

import dev.vigil.auth.Roles;

/**
 * At least one active superadmin always remains: nobody can lock everyone out. Every
 * change that can remove an active superadmin — from the Admins page or from an identity
 * provider's group mapping — holds this object's monitor while it checks and writes, so
 * two at once cannot remove the last two.
 */
@Component
class LastSuperadmin {

	private final AdminRepository repository;

	LastSuperadmin(AdminRepository repository) {
		this.repository = repository;
	}

	/** Whether this admin is the only active superadmin (call holding the monitor). */
	boolean is(AdminRepository.Admin admin) {
		return admin.active() && admin.role().equals(Roles.SUPERADMIN)
				&& this.repository.activeIds(Roles.SUPERADMIN).stream().noneMatch((other) -> other != admin.id());
	}

}
