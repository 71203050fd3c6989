package dev.vigil.stream;

import dev.vigil.auth.CurrentAdmin;

/**
 * A channel whose events are published through the {@link Hub}: each connection is
 * subscribed under its {@link #key} on the channel's {@link #name() topic} before it is
 * opened and replayed, so nothing published meanwhile is lost. Such a channel keeps no
 * state per subscriber beyond the subscriber itself.
 */
public interface HubChannel extends StreamChannel<StreamSubscriber> {

	/**
	 * The hub key a connection of this admin subscribes to (for example the admin id).
	 */
	Object key(CurrentAdmin admin);

	@Override
	default StreamSubscriber opened(StreamSubscriber subscriber) {
		return subscriber;
	}

}
