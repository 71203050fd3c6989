package dev.vigil.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.vigil.auth.SessionRevoked.Reason;

/**
 * Announces sessions that reach their expiry, so that streams opened with them close.
 * Only expiries after startup matter: no stream survives a restart.
 */
@Component
class SessionExpiryWatcher {

	private final SessionRepository sessions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private Instant checkedUntil;

	SessionExpiryWatcher(SessionRepository sessions, ApplicationEventPublisher events, Clock clock) {
		this.sessions = sessions;
		this.events = events;
		this.clock = clock;
		this.checkedUntil = clock.instant();
	}

	@Scheduled(fixedDelay = 1, timeUnit = TimeUnit.SECONDS)
	synchronized void announceExpired() {
		Instant now = this.clock.instant();
		for (SessionRepository.Session session : this.sessions.expiredBetween(this.checkedUntil, now)) {
			this.events.publishEvent(new SessionRevoked(session.id(), session.adminId(), Reason.EXPIRED));
		}
		this.checkedUntil = now;
	}

}
