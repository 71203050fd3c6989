package dev.vigil.auth;

import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.audit.AuditLog;
import dev.vigil.web.ApiException;
import dev.vigil.web.ClientAddress;
import dev.vigil.web.Ok;

import static org.springframework.http.HttpStatus.FORBIDDEN;
import static org.springframework.http.HttpStatus.UNAUTHORIZED;

/** Login, status-and-refresh, logout (ARCHITECTURE.md "Auth"). */
@RestController
@RequestMapping("/api/admin/auth")
class AuthController {

	private static final Logger log = LoggerFactory.getLogger(AuthController.class);

	private final SessionService sessions;

	private final AuthCookies cookies;

	private final ClientAddress clientAddress;

	private final AuditLog audit;

	private final boolean passwordLogin;

	private final ForwardAuth forwardAuth;

	private final SecondFactorService secondFactors;

	private final PendingSignIns pending;

	private final AdminAccounts accounts;

	private final Roles roles;

	AuthController(SessionService sessions, AuthCookies cookies, ClientAddress clientAddress, AuditLog audit,
			AuthProperties properties, ForwardAuth forwardAuth, SecondFactorService secondFactors,
			PendingSignIns pending, AdminAccounts accounts, Roles roles) {
		this.sessions = sessions;
		this.forwardAuth = forwardAuth;
		this.secondFactors = secondFactors;
		this.pending = pending;
		this.accounts = accounts;
		this.roles = roles;
		this.passwordLogin = properties.passwordLogin();
		this.cookies = cookies;
		this.clientAddress = clientAddress;
		this.audit = audit;
	}

	record LoginRequest(@NotBlank(message = "email is required") @Size(max = 320) String email,
			@NotBlank(message = "password is required") @Size(max = 1024) String password) {
	}

	record AdminView(long id, String email, String name, String role, List<String> scopes) {

		/** The account with its role's scopes as they are now. */
		static AdminView of(AdminAccounts.Account account, Roles roles) {
			return new AdminView(account.id(), account.email(), account.name(), account.role(),
					roles.scopesOf(account.role()));
		}

	}

	record AdminResponse(AdminView admin) {
	}

	/**
	 * The sign-in answer: the admin when signed in, or that a second factor is pending
	 * (and whether the admin has one yet or must enrol).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record LoginResponse(@Nullable AdminView admin, @Nullable SecondFactorPending secondFactor) {
	}

	record SecondFactorPending(boolean enrolled) {
	}

	record CodeRequest(@NotBlank(message = "code is required") @Size(max = 64) String code) {
	}

	record EnrolmentResponse(String secret, String otpauthUri, String qrCode) {
	}

	/** The first sign-in with a new factor: the recovery codes are shown this once. */
	record EnrolledResponse(AdminView admin, List<String> recoveryCodes) {
	}

	/**
	 * A matching password signs in, unless the admin has a second factor or the policy
	 * requires one: then only the pending cookie is set, and the second step signs in.
	 */
	@PostMapping("/login")
	LoginResponse login(@Valid @RequestBody LoginRequest body, HttpServletRequest request,
			HttpServletResponse response) {
		if (!this.passwordLogin) {
			throw new ApiException(FORBIDDEN, "password sign-in is turned off: use single sign-on");
		}
		String ip = this.clientAddress.of(request);
		String email = body.email().trim();
		// A failure is audited by checkPassword.
		AdminAccounts.Account account = this.sessions.checkPassword(email, body.password(), ip)
			.orElseThrow(() -> new ApiException(UNAUTHORIZED, "invalid credentials"));
		boolean enrolled = this.secondFactors.enrolled(account.id());
		if (enrolled || this.secondFactors.required(account)) {
			this.pending.start(response, account);
			log.atInfo()
				.setMessage("admin password accepted, second factor pending")
				.addKeyValue("admin_id", account.id())
				.log();
			return new LoginResponse(null, new SecondFactorPending(enrolled));
		}
		return new LoginResponse(signIn(account, request, response), null);
	}

	/** The second step: a TOTP code or a recovery code for the pending sign-in. */
	@PostMapping("/second-factor")
	AdminResponse secondFactor(@Valid @RequestBody CodeRequest body, HttpServletRequest request,
			HttpServletResponse response) {
		PendingSignIns.Pending pending = pendingOf(request, response);
		AdminAccounts.Account account = accountOf(pending, response);
		SecondFactorService.Passed passed = voidWhenLimited(pending, response,
				() -> this.secondFactors.verify(account, body.code()));
		this.pending.end(pending, response);
		AdminView admin = signIn(account, request, response);
		this.audit.recordAs(account.id(), "auth.second_factor", "admin", account.id(), "method=" + passed.method());
		return new AdminResponse(admin);
	}

	/** A pending sign-in whose admin must have a factor but has none: a new secret. */
	@PostMapping("/second-factor/enrol")
	EnrolmentResponse enrol(HttpServletRequest request, HttpServletResponse response) {
		AdminAccounts.Account account = accountOf(pendingOf(request, response), response);
		SecondFactorService.Enrolment enrolment = this.secondFactors.beginEnrolment(account);
		return new EnrolmentResponse(enrolment.secret(), enrolment.otpauthUri(), enrolment.qrCode());
	}

	/** The enrolment's first code: the factor is confirmed and the sign-in completes. */
	@PostMapping("/second-factor/enrol/confirm")
	EnrolledResponse confirmEnrolment(@Valid @RequestBody CodeRequest body, HttpServletRequest request,
			HttpServletResponse response) {
		PendingSignIns.Pending pending = pendingOf(request, response);
		AdminAccounts.Account account = accountOf(pending, response);
		List<String> codes = voidWhenLimited(pending, response,
				() -> this.secondFactors.confirmEnrolment(account, body.code()));
		this.pending.end(pending, response);
		AdminView admin = signIn(account, request, response);
		this.audit.recordAs(account.id(), "auth.second_factor", "admin", account.id(), "method=enrolment");
		return new EnrolledResponse(admin, codes);
	}

	private AdminView signIn(AdminAccounts.Account account, HttpServletRequest request, HttpServletResponse response) {
		SessionService.Issued issued = this.sessions.start(account, SessionService.PASSWORD,
				request.getHeader(HttpHeaders.USER_AGENT), this.clientAddress.of(request));
		this.cookies.set(response, issued);
		log.atInfo().setMessage("admin login").addKeyValue("admin_id", issued.account().id()).log();
		this.audit.recordAs(issued.account().id(), "auth.login", "session", issued.sessionId(), "method=password");
		return AdminView.of(issued.account(), this.roles);
	}

	private PendingSignIns.Pending pendingOf(HttpServletRequest request, HttpServletResponse response) {
		return this.pending.read(request).orElseThrow(() -> {
			this.pending.clear(response);
			return new ApiException(UNAUTHORIZED, "no sign-in is waiting for a second factor: sign in again");
		});
	}

	/** The pending sign-in's admin, still active and with the same password. */
	private AdminAccounts.Account accountOf(PendingSignIns.Pending pending, HttpServletResponse response) {
		return this.accounts.findById(pending.adminId())
			.filter(AdminAccounts.Account::active)
			.filter(pending::boundTo)
			.orElseThrow(() -> {
				this.pending.end(pending, response);
				return new ApiException(UNAUTHORIZED, "no sign-in is waiting for a second factor: sign in again");
			});
	}

	/** Too many wrong codes void the pending sign-in: the admin starts again. */
	private <T> T voidWhenLimited(PendingSignIns.Pending pending, HttpServletResponse response, Supplier<T> check) {
		try {
			return check.get();
		}
		catch (ApiException ex) {
			if (ex.status() == HttpStatus.TOO_MANY_REQUESTS) {
				this.pending.end(pending, response);
			}
			throw ex;
		}
	}

	/**
	 * Status and refresh in one: a valid refresh cookie yields a new access cookie and a
	 * rotated refresh token.
	 */
	@GetMapping({ "", "/" })
	AdminResponse status(HttpServletRequest request, HttpServletResponse response) {
		String refreshToken = AuthCookies.read(request, AuthCookies.REFRESH);
		String refused = "authentication required";
		if (refreshToken != null) {
			try {
				SessionService.Issued issued = this.sessions.refresh(refreshToken, this.clientAddress.of(request));
				this.cookies.set(response, issued);
				return new AdminResponse(AdminView.of(issued.account(), this.roles));
			}
			catch (SessionService.Refused ex) {
				this.cookies.clear(response);
				refused = ex.getMessage();
			}
		}
		// No valid session: a trusted forward-auth proxy may vouch for the user.
		SessionService.Issued forwarded = this.forwardAuth.signIn(request).orElse(null);
		if (forwarded != null) {
			this.cookies.set(response, forwarded);
			return new AdminResponse(AdminView.of(forwarded.account(), this.roles));
		}
		throw new ApiException(UNAUTHORIZED, refused);
	}

	@PostMapping("/logout")
	Ok logout(@AuthenticationPrincipal @Nullable CurrentAdmin admin, HttpServletRequest request,
			HttpServletResponse response) {
		this.sessions.logout((admin != null) ? admin.sessionId() : null, AuthCookies.read(request, AuthCookies.REFRESH))
			.ifPresent((adminId) -> this.audit.recordAs(adminId, "auth.logout", "session", null, ""));
		this.cookies.clear(response);
		// API answers are kept in the browser's private cache for ETag revalidation
		// (JsonEtagFilter): none outlives the session on a shared computer.
		response.setHeader("Clear-Site-Data", "\"cache\"");
		return Ok.OK;
	}

}
