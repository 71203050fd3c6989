package dev.vigil.auth;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.vigil.audit.AuditLog;
import dev.vigil.web.ClientAddress;

import dev.vigil.auth.AdminAccounts.Account;

/**
 * Forward-auth: a reverse proxy that signed the user in says who it is in headers
 * ({@code Remote-User}, {@code Remote-Email}, {@code Remote-Groups}). The headers count
 * only when the request's direct peer — the TCP address, never {@code X-Forwarded-For} —
 * is a trusted proxy; from elsewhere they are ignored. A session check without a valid
 * refresh cookie signs the user in (method {@code forward}); each refresh of such a
 * session must still carry the same user in a mapped group.
 */
@Component
class ForwardAuth implements RefreshCheck {

	private static final Logger log = LoggerFactory.getLogger(ForwardAuth.class);

	static final String ISSUER = "forward-auth";

	private final ForwardAuthProperties properties;

	private final List<IpAddressMatcher> trusted;

	private final ExternalSignIn signIn;

	/** Lazily: the session service asks this class at every refresh. */
	private final ObjectProvider<SessionService> sessions;

	private final SsoRepository repository;

	private final AuditLog audit;

	private final ClientAddress clientAddress;

	/** Untrusted peers already logged as sending the headers: once each. */
	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	ForwardAuth(ForwardAuthProperties properties, ExternalSignIn signIn, ObjectProvider<SessionService> sessions,
			SsoRepository repository, AuditLog audit, ClientAddress clientAddress) {
		this.clientAddress = clientAddress;
		this.properties = properties;
		this.trusted = properties.enabled()
				? properties.trustedProxies().stream().map((proxy) -> new IpAddressMatcher(proxy.trim())).toList()
				: List.of();
		this.signIn = signIn;
		this.sessions = sessions;
		this.repository = repository;
		this.audit = audit;
	}

	/** Who the proxy says this is. */
	private record Identity(String user, @Nullable String email, @Nullable String name, List<String> groups) {
	}

	/**
	 * A new session for the user a trusted proxy vouches for; empty when forward-auth is
	 * off, the request did not come from a trusted proxy, carries no user or is refused.
	 */
	Optional<SessionService.Issued> signIn(HttpServletRequest request) {
		Optional<Identity> identity = identity(request);
		if (identity.isEmpty()) {
			return Optional.empty();
		}
		Identity who = identity.get();
		ExternalSignIn.Outcome outcome = this.signIn.resolve(ISSUER, who.user(), who.email(), true, who.name(),
				who.groups(), "forward");
		Account account = outcome.account();
		if (account == null) {
			return Optional.empty();
		}
		// The peer is the proxy; the client is what ClientAddress makes of it.
		String ip = this.clientAddress.of(request);
		SessionService.Issued issued = this.sessions.getObject()
			.start(account, "forward", request.getHeader(HttpHeaders.USER_AGENT), ip);
		log.atInfo()
			.setMessage("admin login")
			.addKeyValue("admin_id", account.id())
			.addKeyValue("method", "forward")
			.log();
		this.audit.recordAs(account.id(), "auth.login", "session", issued.sessionId(), "method=forward");
		return Optional.of(issued);
	}

	@Override
	public Optional<String> refuse(SessionRepository.Session session, Account account) {
		if (!"forward".equals(session.method())) {
			return Optional.empty();
		}
		if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
			return Optional.of("forward-auth sign-in needs the proxy's headers");
		}
		Optional<Identity> identity = identity(attributes.getRequest());
		if (identity.isEmpty()) {
			return Optional.of("forward-auth sign-in needs the proxy's headers");
		}
		if (!this.repository.adminOf(ISSUER, identity.get().user()).equals(Optional.of(account.id()))) {
			return Optional.of("the proxy signed in another user");
		}
		Optional<String> role = this.signIn.currentRole(identity.get().email(), identity.get().groups());
		if (role.isEmpty()) {
			return Optional.of("no longer in a group that may sign in");
		}
		this.signIn.applyRole(account, role.get(), "forward");
		return Optional.empty();
	}

	private Optional<Identity> identity(HttpServletRequest request) {
		if (!this.properties.enabled()) {
			return Optional.empty();
		}
		String user = trimmed(request.getHeader(this.properties.userHeader()));
		if (user == null) {
			return Optional.empty();
		}
		String peer = request.getRemoteAddr();
		if (this.trusted.stream().noneMatch((matcher) -> matcher.matches(peer))) {
			if (this.warned.size() < 1000 && this.warned.add(peer)) {
				log.atWarn()
					.setMessage("forward-auth headers from an untrusted address ignored")
					.addKeyValue("remote", peer)
					.log();
			}
			return Optional.empty();
		}
		String email = trimmed(request.getHeader(this.properties.emailHeader()));
		if (email == null && user.contains("@")) {
			email = user;
		}
		return Optional.of(new Identity(user, email, trimmed(request.getHeader(this.properties.nameHeader())),
				GroupRoles.groups(trimmed(request.getHeader(this.properties.groupsHeader())))));
	}

	private static @Nullable String trimmed(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
