package dev.vigil.admins;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * Which admin accounts are active (not deactivated, not deleted): the admins module's
 * answer for modules that address admins, such as notifications choosing recipients.
 */
@Component
public class ActiveAdmins {

	private final AdminRepository repository;

	ActiveAdmins(AdminRepository repository) {
		this.repository = repository;
	}

	/** Every active admin's id, in id order. */
	public List<Long> ids() {
		return this.repository.activeIds(null);
	}

	/** The ids of the active admins of one role (by name), in id order. */
	public List<Long> ids(String role) {
		return this.repository.activeIds(role);
	}

	/** The id of the active admin with this email (case as stored), if there is one. */
	public Optional<Long> idByEmail(String email) {
		return this.repository.findByEmail(email).filter(AdminRepository.Admin::active).map(AdminRepository.Admin::id);
	}

	/**
	 * The email addresses of those of these admins that are active, by id (for delivery
	 * channels such as email).
	 */
	public Map<Long, String> emails(Collection<Long> ids) {
		return this.repository.activeEmails(ids);
	}

	public boolean isActive(long id) {
		return this.repository.isActive(id);
	}

}
