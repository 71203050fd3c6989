package dev.vigil.auth;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.web.ApiException;
import dev.vigil.web.Ok;

import static org.springframework.http.HttpStatus.NOT_FOUND;
import static org.springframework.http.HttpStatus.UNAUTHORIZED;

/**
 * The signed-in admin's own second factor (set up, new recovery codes, turn off), and for
 * superadmins the policy of who must have one and resetting an admin's lost factor.
 */
@RestController
@RequestMapping("/api/admin/second-factor")
class SecondFactorController {

	private final SecondFactorService secondFactors;

	private final AdminAccounts accounts;

	SecondFactorController(SecondFactorService secondFactors, AdminAccounts accounts) {
		this.secondFactors = secondFactors;
		this.accounts = accounts;
	}

	record CodeRequest(@NotBlank(message = "code is required") @Size(max = 64) String code) {
	}

	record DisableRequest(@NotBlank(message = "password is required") @Size(max = 1024) String password,
			@NotBlank(message = "code is required") @Size(max = 64) String code) {
	}

	record EnrolmentResponse(String secret, String otpauthUri, String qrCode) {
	}

	record RecoveryCodes(List<String> recoveryCodes) {
	}

	record PolicyBody(@NotNull(message = "everyone is required") Boolean everyone,
			@NotNull(message = "roles is required") @Size(max = 64) List<@NotBlank @Size(max = 32) String> roles) {

		static PolicyBody of(SecondFactorRepository.Policy policy) {
			return new PolicyBody(policy.everyone(), policy.roles());
		}

	}

	record EnrolledAdmin(long id, String email, String name, Instant confirmedAt) {
	}

	record EnrolledAdmins(List<EnrolledAdmin> admins) {
	}

	@GetMapping
	SecondFactorService.Status status(@AuthenticationPrincipal CurrentAdmin me) {
		return this.secondFactors.status(account(me));
	}

	@PostMapping("/enrol")
	EnrolmentResponse enrol(@AuthenticationPrincipal CurrentAdmin me) {
		SecondFactorService.Enrolment enrolment = this.secondFactors.beginEnrolment(account(me));
		return new EnrolmentResponse(enrolment.secret(), enrolment.otpauthUri(), enrolment.qrCode());
	}

	@PostMapping("/enrol/confirm")
	RecoveryCodes confirm(@AuthenticationPrincipal CurrentAdmin me, @Valid @RequestBody CodeRequest body) {
		return new RecoveryCodes(this.secondFactors.confirmEnrolment(account(me), body.code()));
	}

	@PostMapping("/recovery-codes")
	RecoveryCodes regenerate(@AuthenticationPrincipal CurrentAdmin me, @Valid @RequestBody CodeRequest body) {
		return new RecoveryCodes(this.secondFactors.regenerateRecoveryCodes(account(me), body.code()));
	}

	@PostMapping("/disable")
	Ok disable(@AuthenticationPrincipal CurrentAdmin me, @Valid @RequestBody DisableRequest body) {
		this.secondFactors.disable(account(me), body.password(), body.code());
		return Ok.OK;
	}

	@GetMapping("/policy")
	PolicyBody policy() {
		return PolicyBody.of(this.secondFactors.policy());
	}

	@PutMapping("/policy")
	PolicyBody setPolicy(@Valid @RequestBody PolicyBody body) {
		return PolicyBody.of(this.secondFactors.setPolicy(body.everyone(), body.roles()));
	}

	@GetMapping("/admins")
	EnrolledAdmins enrolledAdmins() {
		Map<Long, Long> enrolled = this.secondFactors.enrolledAdmins();
		Map<Long, AdminAccounts.Name> names = this.accounts.names(enrolled.keySet());
		return new EnrolledAdmins(enrolled.entrySet()
			.stream()
			.filter((e) -> names.containsKey(e.getKey()))
			.map((e) -> new EnrolledAdmin(e.getKey(), names.get(e.getKey()).email(), names.get(e.getKey()).name(),
					Instant.ofEpochMilli(e.getValue())))
			.toList());
	}

	/**
	 * Removes an admin's factor: the way back when their device and recovery codes are
	 * lost.
	 */
	@DeleteMapping("/admins/{id}")
	Ok reset(@PathVariable long id) {
		if (!this.secondFactors.reset(id)) {
			throw new ApiException(NOT_FOUND, "this admin has no second factor");
		}
		return Ok.OK;
	}

	private AdminAccounts.Account account(CurrentAdmin me) {
		return this.accounts.findById(me.id())
			.orElseThrow(() -> new ApiException(UNAUTHORIZED, "authentication required"));
	}

}
