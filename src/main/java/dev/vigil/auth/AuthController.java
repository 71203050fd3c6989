package dev.vigil.auth;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
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

	private final Roles roles;

	AuthController(SessionService sessions, AuthCookies cookies, ClientAddress clientAddress, AuditLog audit,
			AuthProperties properties, Roles roles) {
		this.sessions = sessions;
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

	@PostMapping("/login")
	AdminResponse login(@Valid @RequestBody LoginRequest body, HttpServletRequest request,
			HttpServletResponse response) {
		if (!this.passwordLogin) {
			throw new ApiException(FORBIDDEN, "password sign-in is turned off: use single sign-on");
		}
		String ip = this.clientAddress.of(request);
		AdminAccounts.Account account = this.sessions.checkPassword(body.email().trim(), body.password(), ip)
			.orElseThrow(() -> new ApiException(UNAUTHORIZED, "invalid credentials"));
		SessionService.Issued issued = this.sessions.start(account, "password",
				request.getHeader(HttpHeaders.USER_AGENT), ip);
		this.cookies.set(response, issued);
		log.atInfo().setMessage("admin login").addKeyValue("admin_id", issued.account().id()).log();
		this.audit.recordAs(issued.account().id(), "auth.login", "session", issued.sessionId(), "");
		return new AdminResponse(AdminView.of(issued.account(), this.roles));
	}

	/**
	 * Status and refresh in one: a valid refresh cookie yields a new access cookie and a
	 * rotated refresh token.
	 */
	@GetMapping({ "", "/" })
	AdminResponse status(HttpServletRequest request, HttpServletResponse response) {
		String refreshToken = AuthCookies.read(request, AuthCookies.REFRESH);
		if (refreshToken == null) {
			throw new ApiException(UNAUTHORIZED, "authentication required");
		}
		try {
			SessionService.Issued issued = this.sessions.refresh(refreshToken, this.clientAddress.of(request));
			this.cookies.set(response, issued);
			return new AdminResponse(AdminView.of(issued.account(), this.roles));
		}
		catch (SessionService.Refused ex) {
			this.cookies.clear(response);
			throw new ApiException(UNAUTHORIZED, ex.getMessage());
		}
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
