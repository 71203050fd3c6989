package dev.vigil.admins;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.ConflictException;
import dev.vigil.NotFoundException;
import dev.vigil.audit.AuditLog;
import dev.vigil.auth.CurrentAdmin;
import dev.vigil.auth.Roles;
import dev.vigil.auth.SessionRevoked.Reason;
import dev.vigil.auth.SessionService;
import dev.vigil.web.ApiException;

/** The signed-in admin's own account (any role). */
@RestController
@RequestMapping("/api/admin/profile")
class ProfileController {

	private final AdminRepository repository;

	private final Roles roles;

	private final AdminService admins;

	private final PasswordEncoder passwordEncoder;

	private final SessionService sessions;

	private final AuditLog audit;

	ProfileController(AdminRepository repository, AdminService admins, PasswordEncoder passwordEncoder,
			SessionService sessions, AuditLog audit, Roles roles) {
		this.roles = roles;
		this.repository = repository;
		this.admins = admins;
		this.passwordEncoder = passwordEncoder;
		this.sessions = sessions;
		this.audit = audit;
	}

	record Profile(long id, String email, String name, String role, List<String> scopes, Instant createdAt,
			Instant updatedAt) {

		/** The account with its role's scopes as they are now. */
		static Profile of(AdminRepository.Admin admin, Roles roles) {
			return new Profile(admin.id(), admin.email(), admin.name(), admin.role(), roles.scopesOf(admin.role()),
					admin.createdAt(), admin.updatedAt());
		}

	}

	record ProfileResponse(Profile admin) {
	}

	/**
	 * @param sessionsRevoked how many of the admin's other sessions were ended
	 */
	record PasswordChanged(boolean ok, int sessionsRevoked) {
	}

	record ProfileUpdate(@NotNull(message = "name is required") @Size(max = 200) String name) {
	}

	record PasswordChange(@NotBlank(message = "current password is required") String currentPassword,
			@NotBlank(message = "new password is required") @NewPassword String newPassword) {
	}

	@GetMapping
	ProfileResponse get(@AuthenticationPrincipal CurrentAdmin me) {
		return new ProfileResponse(Profile.of(this.admins.get(me.id()), this.roles));
	}

	@PutMapping
	ProfileResponse update(@AuthenticationPrincipal CurrentAdmin me, @Valid @RequestBody ProfileUpdate body) {
		if (!this.repository.update(me.id(), body.name().trim(), null, null, null)) {
			throw new NotFoundException("admin not found");
		}
		this.audit.record("admin.update_profile", "admin", me.id(), "");
		return get(me);
	}

	/**
	 * Changes the password and ends every other session of this admin; this one stays
	 * signed in.
	 */
	@PutMapping("/password")
	@ApiResponse(responseCode = "200", description = "Changed")
	@ApiResponse(responseCode = "409", description = "The password was changed meanwhile")
	PasswordChanged changePassword(@AuthenticationPrincipal CurrentAdmin me, @Valid @RequestBody PasswordChange body) {
		AdminRepository.Admin current = this.admins.get(me.id());
		if (!this.passwordEncoder.matches(body.currentPassword(), current.passwordHash())) {
			throw ApiException.invalid("current_password", "current password is incorrect");
		}
		if (!this.repository.replacePasswordHash(me.id(), current.passwordHash(),
				this.passwordEncoder.encode(body.newPassword()))) {
			throw new ConflictException("the password was changed meanwhile");
		}
		int revoked = this.sessions.revokeAllOf(me.id(), Reason.PASSWORD_CHANGED, me.sessionId());
		this.audit.record("admin.change_password", "admin", me.id(), "");
		return new PasswordChanged(true, revoked);
	}

}
