package dev.vigil.auth;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;

import io.github.bucket4j.Bucket;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import dev.vigil.audit.AuditLog;
import dev.vigil.web.ApiException;

import static org.springframework.http.HttpStatus.CONFLICT;
import static org.springframework.http.HttpStatus.TOO_MANY_REQUESTS;
import static org.springframework.http.HttpStatus.UNAUTHORIZED;

/**
 * Each admin's second factor (TOTP with one-time recovery codes) and the policy saying
 * who must have one. A code is accepted once: the newest time step passed is kept, and a
 * code of that step or an older one is refused. Wrong codes are limited per admin
 * (Bucket4j), on top of the per-address limit on every auth request.
 */
@Service
class SecondFactorService {

	private static final Logger log = LoggerFactory.getLogger(SecondFactorService.class);

	static final int RECOVERY_CODES = 10;

	private static final Pattern TOTP_CODE = Pattern.compile("\\d{6}");

	private static final String RECOVERY_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Duration FAILURE_WINDOW = Duration.ofMinutes(5);

	private final SecondFactorRepository repository;

	private final AdminAccounts accounts;

	private final SecretBox box;

	private final PasswordEncoder passwordEncoder;

	private final Roles roles;

	private final AuditLog audit;

	private final Clock clock;

	private final SecondFactorProperties properties;

	private final Map<Long, Bucket> failures = new ConcurrentHashMap<>();

	SecondFactorService(SecondFactorRepository repository, AdminAccounts accounts, SecretKey signingKey,
			PasswordEncoder passwordEncoder, Roles roles, AuditLog audit, Clock clock,
			SecondFactorProperties properties) {
		this.repository = repository;
		this.accounts = accounts;
		this.box = new SecretBox(signingKey, "vigil second-factor secret v1");
		this.passwordEncoder = passwordEncoder;
		this.roles = roles;
		this.audit = audit;
		this.clock = clock;
		this.properties = properties;
	}

	/** How a code was passed: {@code totp} or {@code recovery_code}. */
	record Passed(String method) {
	}

	/** A started enrolment: the secret in base32, the URI apps read and its QR code. */
	record Enrolment(String secret, String otpauthUri, String qrCode) {
	}

	/**
	 * @param enrolled a confirmed factor
	 * @param required the policy requires one of this admin
	 * @param recoveryCodesLeft unused recovery codes
	 */
	record Status(boolean enrolled, boolean required, int recoveryCodesLeft) {
	}

	Status status(AdminAccounts.Account account) {
		boolean enrolled = enrolled(account.id());
		return new Status(enrolled, required(account),
				enrolled ? this.repository.unusedRecoveryCodes(account.id()) : 0);
	}

	boolean enrolled(long adminId) {
		return this.repository.find(adminId).filter(SecondFactorRepository.Factor::confirmed).isPresent();
	}

	/** Whether the policy requires a second factor of this admin. */
	boolean required(AdminAccounts.Account account) {
		SecondFactorRepository.Policy policy = this.repository.policy();
		return policy.everyone() || policy.roles().contains(account.role());
	}

	/**
	 * A new secret for an admin without a confirmed factor (replacing an unconfirmed
	 * one).
	 */
	Enrolment beginEnrolment(AdminAccounts.Account account) {
		String secret = Totp.newSecret();
		if (!this.repository.beginEnrolment(account.id(), this.box.seal(secret), this.clock.millis())) {
			throw new ApiException(CONFLICT, "a second factor is already set up: turn it off first");
		}
		String uri = Totp.uri(this.properties.issuer(), account.email(), secret);
		return new Enrolment(secret, uri, QrCodes.svgDataUri(uri));
	}

	/**
	 * Confirms an enrolment with a first code from the app; the new recovery codes, shown
	 * this once.
	 */
	List<String> confirmEnrolment(AdminAccounts.Account account, String code) {
		SecondFactorRepository.Factor factor = this.repository.find(account.id())
			.orElseThrow(() -> new ApiException(CONFLICT, "no enrolment is waiting: start again"));
		if (factor.confirmed()) {
			throw new ApiException(CONFLICT, "a second factor is already set up");
		}
		checkTotp(account.id(), factor, normalise(code));
		this.repository.confirm(account.id(), this.clock.millis());
		List<String> codes = newRecoveryCodes(account.id());
		this.audit.recordAs(account.id(), "second_factor.enrol", "admin", account.id(), "");
		return codes;
	}

	/**
	 * Checks a code (TOTP or recovery code) of an admin with a confirmed factor, or
	 * throws 401 (wrong or replayed) or 429 (too many wrong codes).
	 */
	Passed verify(AdminAccounts.Account account, String code) {
		SecondFactorRepository.Factor factor = this.repository.find(account.id())
			.filter(SecondFactorRepository.Factor::confirmed)
			.orElseThrow(() -> new ApiException(CONFLICT, "no second factor is set up"));
		String normalised = normalise(code);
		if (TOTP_CODE.matcher(normalised).matches()) {
			checkTotp(account.id(), factor, normalised);
			return new Passed("totp");
		}
		refuseWhenLimited(account.id());
		String recovery = normaliseRecoveryCode(code);
		if (recovery.isEmpty() || !this.repository.useRecoveryCode(account.id(), SessionService.sha256(recovery),
				this.clock.millis())) {
			throw failed(account.id(), "wrong_code", "wrong code");
		}
		bucket(account.id()).addTokens(1);
		return new Passed("recovery_code");
	}

	/** New recovery codes (the old ones stop working), after a current code. */
	List<String> regenerateRecoveryCodes(AdminAccounts.Account account, String code) {
		verify(account, code);
		List<String> codes = newRecoveryCodes(account.id());
		this.audit.recordAs(account.id(), "second_factor.recovery_codes", "admin", account.id(), "");
		return codes;
	}

	/** Turns an admin's own factor off, with their password and a current code. */
	void disable(AdminAccounts.Account account, String password, String code) {
		if (!this.passwordEncoder.matches(password, account.passwordHash())) {
			throw ApiException.invalid("password", "wrong password");
		}
		if (required(account)) {
			throw new ApiException(CONFLICT, "a second factor is required for your role: it cannot be turned off");
		}
		verify(account, code);
		this.repository.delete(account.id());
		this.audit.recordAs(account.id(), "second_factor.disable", "admin", account.id(), "");
	}

	/** Removes another admin's factor (a lost device); false when they had none. */
	boolean reset(long adminId) {
		boolean removed = this.repository.delete(adminId);
		if (removed) {
			this.failures.remove(adminId);
			this.audit.record("second_factor.reset", "admin", adminId, "");
		}
		return removed;
	}

	/** Admins with a confirmed factor and since when (epoch millis). */
	Map<Long, Long> enrolledAdmins() {
		Map<Long, Long> enrolled = new LinkedHashMap<>();
		for (SecondFactorRepository.Factor factor : this.repository.confirmed()) {
			enrolled.put(factor.adminId(), factor.confirmedAt());
		}
		return enrolled;
	}

	SecondFactorRepository.Policy policy() {
		return this.repository.policy();
	}

	SecondFactorRepository.Policy setPolicy(boolean everyone, List<String> roleNames) {
		List<String> distinct = roleNames.stream().map(String::trim).distinct().sorted().toList();
		for (String role : distinct) {
			if (!this.roles.exists(role)) {
				throw ApiException.invalid("roles", "no role named " + role);
			}
		}
		SecondFactorRepository.Policy policy = new SecondFactorRepository.Policy(everyone, distinct);
		this.repository.savePolicy(policy, this.clock.millis());
		this.audit.record("second_factor.policy", "second_factor_policy", null,
				"everyone=" + everyone + " roles=" + String.join(",", distinct));
		return policy;
	}

	/**
	 * {@code vigil.auth.second-factor.reset}: removes the factors of the listed admins at
	 * start, for the one who cannot sign in to have it reset by someone else.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void resetFromConfiguration() {
		String reset = this.properties.reset();
		if (reset == null || reset.isBlank()) {
			return;
		}
		for (String email : reset.split(",")) {
			if (email.isBlank()) {
				continue;
			}
			Optional<AdminAccounts.Account> account = this.accounts.findByEmail(email.trim());
			if (account.isEmpty()) {
				log.warn("vigil.auth.second-factor.reset names no admin: nothing reset");
				continue;
			}
			long id = account.get().id();
			if (this.repository.delete(id)) {
				this.audit.recordAs(null, "second_factor.reset", "admin", id, "by=configuration");
				log.warn("second factor of admin {} removed by vigil.auth.second-factor.reset; unset it now", id);
			}
		}
	}

	@Scheduled(fixedDelay = 5, timeUnit = TimeUnit.MINUTES)
	void forgetIdleFailures() {
		this.failures.values().removeIf((bucket) -> bucket.getAvailableTokens() >= this.properties.maxFailures());
	}

	private void checkTotp(long adminId, SecondFactorRepository.Factor factor, String code) {
		refuseWhenLimited(adminId);
		String secret;
		try {
			secret = this.box.open(factor.secret());
		}
		catch (GeneralSecurityException ex) {
			// Sealed under another signing key: the factor cannot be used any more;
			// recovery codes or a reset are the way back.
			log.warn("second factor of admin {} cannot be read (signing key changed?)", adminId);
			throw failed(adminId, "unreadable_secret", "wrong code");
		}
		OptionalLong step = Totp.match(secret, code, this.clock.instant());
		if (step.isEmpty()) {
			throw failed(adminId, "wrong_code", "wrong code");
		}
		if (!this.repository.acceptStep(adminId, step.getAsLong())) {
			throw failed(adminId, "replayed", "this code was already used: wait for the next one");
		}
		bucket(adminId).addTokens(1);
	}

	/**
	 * Spends one attempt before the code is checked, so parallel guesses cannot all pass
	 * the limit before the first failure counts; a right code gives it back.
	 */
	private void refuseWhenLimited(long adminId) {
		if (!bucket(adminId).tryConsume(1)) {
			throw new ApiException(TOO_MANY_REQUESTS, "too many wrong codes: sign in again in a few minutes");
		}
	}

	/**
	 * Counts a failure and audits it; the answer is 429 when it spent the admin's budget
	 * (the caller voids the pending sign-in).
	 */
	private ApiException failed(long adminId, String reason, String message) {
		boolean exhausted = bucket(adminId).getAvailableTokens() <= 0;
		this.audit.recordAs(adminId, "auth.second_factor_failed", "admin", adminId,
				"reason=" + reason + (exhausted ? " limited=true" : ""));
		log.atWarn()
			.setMessage("second factor refused")
			.addKeyValue("admin_id", adminId)
			.addKeyValue("reason", reason)
			.log();
		return exhausted ? new ApiException(TOO_MANY_REQUESTS, "too many wrong codes: sign in again in a few minutes")
				: new ApiException(UNAUTHORIZED, message);
	}

	private Bucket bucket(long adminId) {
		int max = this.properties.maxFailures();
		return this.failures.computeIfAbsent(adminId,
				(id) -> Bucket.builder()
					.addLimit((limit) -> limit.capacity(max).refillIntervally(max, FAILURE_WINDOW))
					.build());
	}

	private List<String> newRecoveryCodes(long adminId) {
		List<String> codes = new ArrayList<>(RECOVERY_CODES);
		List<String> hashes = new ArrayList<>(RECOVERY_CODES);
		for (int i = 0; i < RECOVERY_CODES; i++) {
			StringBuilder code = new StringBuilder();
			for (int c = 0; c < 16; c++) {
				if (c > 0 && c % 4 == 0) {
					code.append('-');
				}
				code.append(RECOVERY_ALPHABET.charAt(RANDOM.nextInt(RECOVERY_ALPHABET.length())));
			}
			codes.add(code.toString());
			hashes.add(SessionService.sha256(normaliseRecoveryCode(code.toString())));
		}
		this.repository.replaceRecoveryCodes(adminId, hashes, this.clock.millis());
		return codes;
	}

	private static String normalise(@Nullable String code) {
		return (code != null) ? code.replaceAll("\\s", "") : "";
	}

	/** Case, spaces and dashes do not matter in a recovery code. */
	private static String normaliseRecoveryCode(@Nullable String code) {
		return (code != null) ? code.toLowerCase(Locale.ROOT).replaceAll("[^0-9a-z]", "") : "";
	}

}
