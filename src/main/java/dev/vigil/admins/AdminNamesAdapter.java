package dev.vigil.admins;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.vigil.audit.AdminNames;

/** Lets the audit log name admins without depending on this module. */
@Component
class AdminNamesAdapter implements AdminNames {

	private final AdminRepository repository;

	AdminNamesAdapter(AdminRepository repository) {
		this.repository = repository;
	}

	@Override
	public Map<Long, AdminName> of(Collection<Long> ids) {
		return this.repository.names(ids)
			.stream()
			.collect(Collectors.toMap(AdminRepository.Name::id, (admin) -> new AdminName(admin.email(), admin.name())));
	}

}
