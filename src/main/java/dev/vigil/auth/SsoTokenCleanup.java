package dev.vigil.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Forgets the identity provider's tokens of sessions that ended (logout, revocation, a
 * refused refresh): they are of no use any more, and a token not kept cannot leak.
 */
@Component
class SsoTokenCleanup {

	private static final Logger log = LoggerFactory.getLogger(SsoTokenCleanup.class);

	private final SsoRepository repository;

	SsoTokenCleanup(SsoRepository repository) {
		this.repository = repository;
	}

	@EventListener
	void onSessionRevoked(SessionRevoked event) {
		try {
			this.repository.deleteEnded();
		}
		catch (RuntimeException ex) {
			// Never fails the revocation; the next one tries again.
			log.warn("could not forget the provider tokens of ended sessions", ex);
		}
	}

}
