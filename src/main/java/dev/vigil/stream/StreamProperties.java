package dev.vigil.stream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the live stream core.
 *
 * @param queueSize events buffered per subscriber before its overflow policy applies
 * @param maxPerAdmin open streams one admin may hold (all tabs, all streams)
 * @param maxConnections open streams on the whole server
 * @param heartbeat SSE keepalive comment and WebSocket ping interval
 * @param maxClientMessagesPerSecond WebSocket client messages allowed per second before a
 * 1008 close
 * @param maxInboundMessage largest WebSocket message a client may send (larger: 1009)
 * @param sendTimeLimit longest a single WebSocket send (data or ping) may block on a peer
 * that does not read before the connection is cut (Tomcat's blocking-send timeout, set
 * per session)
 * @param websocketCompression whether a WebSocket client's offer of
 * {@code permessage-deflate} is accepted. Off by default: the container compresses each
 * message once per connection (a broadcast to N clients deflates N times) and keeps a
 * zlib state of ~300 KB per connection (docs/decisions.md, "WebSocket compression")
 */
@ConfigurationProperties("vigil.stream")
record StreamProperties(@DefaultValue("256") int queueSize, @DefaultValue("20") int maxPerAdmin,
		@DefaultValue("20000") int maxConnections, @DefaultValue("30s") Duration heartbeat,
		@DefaultValue("10") int maxClientMessagesPerSecond, @DefaultValue("64KB") DataSize maxInboundMessage,
		@DefaultValue("10s") Duration sendTimeLimit, @DefaultValue("false") boolean websocketCompression) {
}
