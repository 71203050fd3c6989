package dev.vigil.auth;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.web.ApiException;
import dev.vigil.web.Ok;

/**
 * Roles you define (scope {@code admin:roles}, superadmins; the list also with
 * {@code admin:admins}, for the admin form): list with how many admins have each, the
 * scopes a role can hold, create, change, delete. Every change is audited and applies at
 * once to open sessions and streams.
 */
@RestController
@RequestMapping("/api/admin/roles")
class RolesController {

	static final String NAME = "[a-z][a-z0-9_-]{1,31}";

	private final Roles roles;

	private final ObjectProvider<KnownLogSources> logSources;

	RolesController(Roles roles, ObjectProvider<KnownLogSources> logSources) {
		this.roles = roles;
		this.logSources = logSources;
	}

	/**
	 * @param logSources the sources it may read; {@code null}: every source its scopes
	 * allow
	 * @param admins how many admins (deactivated ones too) have it
	 * @param locked superadmin: cannot be changed
	 */
	record RoleView(String name, String description, List<String> scopes, @Nullable List<String> logSources,
			boolean builtin, boolean locked, long admins, Instant createdAt, Instant updatedAt) {
	}

	record RoleList(List<RoleView> roles) {
	}

	record ScopeList(List<Scopes.Known> scopes) {
	}

	/**
	 * @param logSources {@code null} or absent: every source the scopes allow
	 */
	record CreateRequest(
			@NotNull(message = "name is required") @Pattern(regexp = NAME,
					message = "2 to 32 lower-case letters, digits, '_' or '-', starting with a letter") String name,
			@Nullable @Size(max = 200, message = "at most {max} characters") String description,
			@NotNull(message = "scopes are required (may be empty)") List<String> scopes,
			@Nullable List<String> logSources) {
	}

	record UpdateRequest(@Nullable @Size(max = 200, message = "at most {max} characters") String description,
			@NotNull(message = "scopes are required (may be empty)") List<String> scopes,
			@Nullable List<String> logSources) {
	}

	@GetMapping
	RoleList list() {
		Map<String, Long> counts = this.roles.adminCounts();
		return new RoleList(this.roles.list().stream().map((role) -> view(role, counts)).toList());
	}

	@GetMapping("/scopes")
	ScopeList scopes() {
		return new ScopeList(Scopes.ADMIN);
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	RoleView create(@Valid @RequestBody CreateRequest body) {
		Roles.Definition created = this.roles.create(body.name(), description(body.description()),
				scopes(body.scopes()), sources(body.logSources()));
		return view(created, this.roles.adminCounts());
	}

	@PutMapping("/{name}")
	RoleView update(@PathVariable String name, @Valid @RequestBody UpdateRequest body) {
		Roles.Definition updated = this.roles.update(name, description(body.description()), scopes(body.scopes()),
				sources(body.logSources()));
		return view(updated, this.roles.adminCounts());
	}

	@DeleteMapping("/{name}")
	Ok delete(@PathVariable String name) {
		this.roles.delete(name);
		return Ok.OK;
	}

	private static String description(@Nullable String description) {
		return (description != null) ? description.strip() : "";
	}

	/**
	 * Scopes that can make their holder superadmin (set anyone's role, password or second
	 * factor; give a role every scope): no role but superadmin has them.
	 */
	private static final Set<String> SUPERADMIN_ONLY = Set.of(Scopes.ADMINS, Scopes.ROLES);

	/** Known admin scopes, once each, in the order of {@link Scopes#ADMIN}. */
	private static List<String> scopes(List<String> requested) {
		Set<String> wanted = new LinkedHashSet<>();
		for (String scope : requested) {
			if (scope == null || !Scopes.adminIds().contains(scope)) {
				throw ApiException.invalid("scopes",
						"unknown scope " + scope + "; one of " + String.join(", ", Scopes.adminIds()));
			}
			if (SUPERADMIN_ONLY.contains(scope)) {
				throw ApiException.invalid("scopes", scope
						+ " belongs to superadmin only: with it a role could give itself, or its admins, every scope");
			}
			wanted.add(scope);
		}
		return Scopes.adminIds().stream().filter(wanted::contains).toList();
	}

	private @Nullable List<String> sources(@Nullable List<String> requested) {
		if (requested == null) {
			return null;
		}
		KnownLogSources known = this.logSources.getIfAvailable();
		Set<String> names = (known != null) ? known.names() : Set.of();
		Set<String> wanted = new LinkedHashSet<>();
		for (String source : requested) {
			if (source == null || (known != null && !names.contains(source))) {
				throw ApiException.invalid("log_sources", "unknown log source " + source);
			}
			wanted.add(source);
		}
		return List.copyOf(wanted);
	}

	private static RoleView view(Roles.Definition role, Map<String, Long> counts) {
		return new RoleView(role.name(), role.description(), role.scopes(), role.logSources(), role.builtin(),
				role.locked(), counts.getOrDefault(role.name(), 0L), role.createdAt(), role.updatedAt());
	}

}
