package dev.vigil.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.NotFoundException;
import dev.vigil.auth.ApiKeyRepository.ApiKey;
import dev.vigil.web.ApiException;

/**
 * API keys for other systems (scope {@code admin:api-keys}, superadmins): create (the
 * secret is in that answer only), list with last use, revoke.
 */
@RestController
@RequestMapping("/api/admin/api-keys")
class ApiKeysController {

	private final ApiKeys keys;

	private final AdminAccounts accounts;

	private final Clock clock;

	ApiKeysController(ApiKeys keys, AdminAccounts accounts, Clock clock) {
		this.keys = keys;
		this.accounts = accounts;
		this.clock = clock;
	}

	enum Status {

		ACTIVE, EXPIRED, REVOKED

	}

	record KeyView(long id, String name, String prefix, List<String> scopes, long createdBy, String createdByEmail,
			Instant createdAt, @Nullable Instant expiresAt, @Nullable Instant revokedAt, @Nullable Instant lastUsedAt,
			@Nullable String lastUsedIp, String status) {
	}

	record KeyList(List<KeyView> keys) {
	}

	record ScopeView(String id, @Nullable String requires) {
	}

	record ScopeList(List<ScopeView> scopes) {
	}

	/**
	 * @param expiresAt optional; in the future
	 */
	record CreateRequest(
			@NotBlank(message = "name is required") @Size(max = 100, message = "at most {max} characters") String name,
			@NotEmpty(message = "at least one scope is required") List<String> scopes, @Nullable Instant expiresAt) {
	}

	/** The one answer that carries the secret. */
	record CreatedKey(KeyView key, String secret) {
	}

	@GetMapping
	KeyList list() {
		List<ApiKey> all = this.keys.list();
		Map<Long, AdminAccounts.Name> names = this.accounts
			.names(all.stream().map(ApiKey::adminId).collect(Collectors.toSet()));
		Instant now = this.clock.instant();
		return new KeyList(all.stream().map((key) -> view(key, names.get(key.adminId()), now)).toList());
	}

	@GetMapping("/scopes")
	ScopeList scopes() {
		return new ScopeList(ApiKeys.SCOPES.entrySet()
			.stream()
			.map((scope) -> new ScopeView(scope.getKey(), scope.getValue()))
			.toList());
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	CreatedKey create(@AuthenticationPrincipal CurrentAdmin me, @Valid @RequestBody CreateRequest body) {
		List<String> scopes = List.copyOf(new LinkedHashSet<>(body.scopes()));
		for (String scope : scopes) {
			if (!ApiKeys.SCOPES.containsKey(scope)) {
				throw ApiException.invalid("scopes",
						"unknown scope " + scope + "; one of " + String.join(", ", ApiKeys.SCOPES.keySet()));
			}
			String requires = ApiKeys.SCOPES.get(scope);
			if (requires != null && !me.scopes().contains(requires)) {
				throw ApiException.invalid("scopes", scope + " needs your role to have " + requires);
			}
		}
		Instant now = this.clock.instant();
		if (body.expiresAt() != null && !body.expiresAt().isAfter(now)) {
			throw ApiException.invalid("expires_at", "must be in the future");
		}
		ApiKeys.Created created = this.keys.create(me, body.name().trim(), scopes, body.expiresAt());
		AdminAccounts.Name creator = this.accounts.names(List.of(me.id())).get(me.id());
		return new CreatedKey(view(created.key(), creator, now), created.secret());
	}

	/** Revokes a key; its open streams close. Revoking a revoked key is fine. */
	@DeleteMapping("/{id}")
	Map<String, Boolean> revoke(@PathVariable long id) {
		ApiKey key = this.keys.find(id).orElseThrow(() -> new NotFoundException("API key not found"));
		this.keys.revoke(key);
		return Map.of("ok", true);
	}

	private static KeyView view(ApiKey key, AdminAccounts.@Nullable Name creator, Instant now) {
		Status status = (key.revokedAt() != null) ? Status.REVOKED : key.expired(now) ? Status.EXPIRED : Status.ACTIVE;
		return new KeyView(key.id(), key.name(), key.prefix(), key.scopes(), key.adminId(),
				(creator != null) ? creator.email() : "", key.createdAt(), key.expiresAt(), key.revokedAt(),
				key.lastUsedAt(), key.lastUsedIp(), status.name().toLowerCase(Locale.ROOT));
	}

}
