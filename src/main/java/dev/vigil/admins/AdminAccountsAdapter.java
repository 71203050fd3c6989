package dev.vigil.admins;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.vigil.auth.AdminAccounts;

/** Lets auth read accounts without depending on this module. */
@Component
class AdminAccountsAdapter implements AdminAccounts {

	private final AdminRepository repository;

	AdminAccountsAdapter(AdminRepository repository) {
		this.repository = repository;
	}

	@Override
	public Optional<Account> findByEmail(String email) {
		return this.repository.findByEmail(email).map(AdminAccountsAdapter::account);
	}

	@Override
	public Optional<Account> findById(long id) {
		return this.repository.findById(id).map(AdminAccountsAdapter::account);
	}

	@Override
	public Map<Long, Name> names(Collection<Long> ids) {
		return this.repository.names(ids)
			.stream()
			.collect(Collectors.toMap(AdminRepository.Name::id, (admin) -> new Name(admin.email(), admin.name())));
	}

	@Override
	public Map<String, Long> countByRole() {
		return this.repository.countByRole();
	}

	private static Account account(AdminRepository.Admin admin) {
		return new Account(admin.id(), admin.email(), admin.name(), admin.role(), admin.passwordHash(), admin.active());
	}

}
