package dev.vigil.stream;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.vigil.auth.AdminAccounts;
import dev.vigil.auth.AdminRoleChanged;
import dev.vigil.auth.RoleChanged;
import dev.vigil.auth.Roles;
import dev.vigil.auth.SessionRevoked;
import dev.vigil.auth.SessionService;
import dev.vigil.cluster.ClusterBus;

/**
 * Tells the other instances when a session ended (topic {@code sessions}) or a role
 * changed (topic {@code roles}), so that they close the streams concerned; and does what
 * they tell. The receiving side only drops the role cache and closes streams: the
 * listeners that write to the database ran where the change was made. After a bus loss
 * every stream's session and role are checked against the database.
 */
@Component
class AccessRelay implements SmartInitializingSingleton, DisposableBean {

	static final String SESSIONS = "sessions";

	static final String ROLES = "roles";

	private static final Logger log = LoggerFactory.getLogger(AccessRelay.class);

	/** A session (or an API key's) ended on another instance. */
	record SessionEnded(String sessionId, long adminId, String reason) {
	}

	/**
	 * A role's definition changed ({@code adminId} null), or an admin was given the role
	 * {@code role}.
	 */
	record RolesChanged(String role, @Nullable Long adminId) {
	}

	private final ClusterBus bus;

	private final ConnectionRegistry registry;

	private final Roles roles;

	private final SessionService sessions;

	private final AdminAccounts accounts;

	/** Role checks read the database: never on the bus's thread. */
	private final ExecutorService checks;

	AccessRelay(ClusterBus bus, ConnectionRegistry registry, Roles roles, SessionService sessions,
			AdminAccounts accounts) {
		this.bus = bus;
		this.registry = registry;
		this.roles = roles;
		this.sessions = sessions;
		this.accounts = accounts;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("vigil-access-relay-");
		threads.setDaemon(true);
		this.checks = Executors.newSingleThreadExecutor(threads);
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!this.bus.clustered()) {
			return;
		}
		this.bus.subscribe(SESSIONS, SessionEnded.class, this::sessionEnded);
		this.bus.subscribe(ROLES, RolesChanged.class, (message) -> this.checks.execute(() -> rolesChanged(message)));
		this.bus.onRecovered(this::recover);
	}

	/** After the commit: another instance must not read the old state. */
	@TransactionalEventListener(fallbackExecution = true)
	void onSessionRevoked(SessionRevoked event) {
		this.bus.publish(SESSIONS, new SessionEnded(event.sessionId(), event.adminId(), event.reason().name()));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void onRoleChanged(RoleChanged event) {
		this.bus.publish(ROLES, new RolesChanged(event.name(), null));
	}

	@TransactionalEventListener(fallbackExecution = true)
	void onAdminRoleChanged(AdminRoleChanged event) {
		this.bus.publish(ROLES, new RolesChanged(event.role(), event.adminId()));
	}

	/** On the bus's thread: closing only queues. */
	void sessionEnded(SessionEnded message) {
		this.registry.onSessionEnded(new SessionRevoked(message.sessionId(), message.adminId(), reason(message)));
	}

	void rolesChanged(RolesChanged message) {
		try {
			this.roles.forget();
			if (message.adminId() == null) {
				this.registry.onRoleChanged(new RoleChanged(message.role()));
			}
			else {
				this.registry.onAdminRoleChanged(new AdminRoleChanged(message.adminId(), message.role()));
			}
		}
		catch (RuntimeException ex) {
			log.warn("streams not checked after a role change elsewhere: {}", ex.toString());
		}
	}

	/** On the bus's recovery thread. */
	void recover(Instant since) {
		this.roles.forget();
		int closed = this.registry.recheckAll(this.sessions::isActive,
				(adminId) -> this.accounts.findById(adminId)
					.filter(AdminAccounts.Account::active)
					.map(AdminAccounts.Account::role));
		log.info("streams checked after a bus loss since {}: {} closed", since, closed);
	}

	private static SessionRevoked.Reason reason(SessionEnded message) {
		try {
			return SessionRevoked.Reason.valueOf(message.reason());
		}
		catch (IllegalArgumentException ex) {
			return SessionRevoked.Reason.REVOKED;
		}
	}

	@Override
	public void destroy() {
		this.checks.shutdownNow();
	}

}
