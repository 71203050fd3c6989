package dev.vigil.stream;

/** Why a stream ended: metric tag and, for WebSocket, the close code. */
enum CloseReason {

	CLIENT_CLOSED(1000), SHUTDOWN(1001), SESSION_ENDED(1008), FLOOD(1008), TOO_BIG(1009), SLOW_CONSUMER(1013),
	OVER_CAPACITY(1013), DEAD_PEER(1001), ERROR(1011),
	/**
	 * Sessions end with a restore; the client signs in again (as after SESSION_ENDED).
	 */
	DATABASE_RESTORED(1008),
	/**
	 * The admin's role changed and no longer allows this stream; the client learns the
	 * rest from a 403 when it reconnects.
	 */
	ACCESS_CHANGED(1008),
	/**
	 * The channel ended the stream: what it showed is gone (a log relayed from an
	 * instance that stopped); it says why in an event before.
	 */
	SOURCE_GONE(1011);

	private final int code;

	CloseReason(int code) {
		this.code = code;
	}

	int code() {
		return this.code;
	}

	String tag() {
		return name().toLowerCase();
	}

}
