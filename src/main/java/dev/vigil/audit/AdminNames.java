package dev.vigil.audit;

import java.util.Collection;
import java.util.Map;

/**
 * Who the admins of audit entries are; implemented by the admins module, which records
 * its changes here and so cannot be a dependency of this one.
 */
public interface AdminNames {

	/**
	 * The email and name of each of these admins, deleted ones included; ids without an
	 * account are left out. One query, whatever the number of ids.
	 */
	Map<Long, AdminName> of(Collection<Long> ids);

	record AdminName(String email, String name) {
	}

}
