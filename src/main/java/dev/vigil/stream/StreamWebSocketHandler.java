package dev.vigil.stream;

import java.util.Map;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import dev.vigil.auth.CurrentAdmin;

/**
 * Container callbacks of every WebSocket stream, routed to the session's
 * {@link WsConnection}. Client messages are rate-limited; oversize ones are closed by the
 * container with 1009.
 */
final class StreamWebSocketHandler extends AbstractWebSocketHandler {

	static final String CHANNEL = "vigil.stream.channel";

	static final String ADMIN = "vigil.stream.admin";

	static final String ADDRESS = "vigil.stream.address";

	static final String PARAMETERS = "vigil.stream.parameters";

	private static final String CONNECTION = "vigil.stream.connection";

	private final ConnectionRegistry registry;

	private final StreamProperties properties;

	private final Executor executor;

	private final StreamMetrics metrics;

	StreamWebSocketHandler(ConnectionRegistry registry, StreamProperties properties, Executor executor,
			StreamMetrics metrics) {
		this.registry = registry;
		this.properties = properties;
		this.executor = executor;
		this.metrics = metrics;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		session.setTextMessageSizeLimit((int) this.properties.maxInboundMessage().toBytes());
		session.setBinaryMessageSizeLimit((int) this.properties.maxInboundMessage().toBytes());
		StreamChannel<?> channel = (StreamChannel<?>) session.getAttributes().get(CHANNEL);
		CurrentAdmin admin = (CurrentAdmin) session.getAttributes().get(ADMIN);
		@SuppressWarnings("unchecked")
		Map<String, String> parameters = (Map<String, String>) session.getAttributes().get(PARAMETERS);
		WsConnection connection = new WsConnection(channel, admin, parameters.get("since"), parameters, session,
				this.properties, this.executor, this.metrics);
		Object address = session.getAttributes().get(ADDRESS);
		connection.from((address instanceof String known) ? known : "");
		if (!this.registry.admit(connection)) {
			session.close(new CloseStatus(CloseReason.OVER_CAPACITY.code(), "too many connections"));
			return;
		}
		session.getAttributes().put(CONNECTION, connection);
		this.registry.activate(connection);
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		WsConnection connection = allowedClientMessage(session);
		if (connection != null) {
			connection.message(message.getPayload());
		}
	}

	/** No stream takes binary input; counted against the rate limit all the same. */
	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
		allowedClientMessage(session);
	}

	@Override
	protected void handlePongMessage(WebSocketSession session, PongMessage message) {
		WsConnection connection = connection(session);
		if (connection != null) {
			connection.pong();
		}
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		WsConnection connection = connection(session);
		if (connection != null) {
			connection.close(CloseReason.ERROR);
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		WsConnection connection = connection(session);
		if (connection != null) {
			connection.released((status.getCode() == CloseStatus.TOO_BIG_TO_PROCESS.getCode()) ? CloseReason.TOO_BIG
					: CloseReason.CLIENT_CLOSED);
		}
	}

	/**
	 * The connection when this message is within the client's rate; null when it was
	 * closed for flooding.
	 */
	private @Nullable WsConnection allowedClientMessage(WebSocketSession session) {
		WsConnection connection = connection(session);
		if (connection == null || connection.isClosed()) {
			return null;
		}
		if (!connection.allowClientMessage()) {
			connection.close(CloseReason.FLOOD);
			return null;
		}
		return connection;
	}

	private static @Nullable WsConnection connection(WebSocketSession session) {
		return (WsConnection) session.getAttributes().get(CONNECTION);
	}

}
