package dev.vigil.stream;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

import dev.vigil.auth.CurrentAdmin;
import dev.vigil.web.ClientAddress;
import dev.vigil.web.Problems;
import dev.vigil.web.WebProperties;

/**
 * Serves the stream endpoints: the stream core's entry point, called by each feature's
 * controller with its {@link StreamChannel}. One call serves a stream path over WebSocket
 * when the request is an upgrade and over SSE otherwise. The request has already passed
 * the security chain, so the admin is authenticated before any upgrade or first byte.
 *
 * <p>
 * Reading the core top-down: this class makes a {@link SseConnection} or (through
 * {@link StreamWebSocketHandler}) a {@link WsConnection}; the {@link ConnectionRegistry}
 * admits it under the caps and activates it (hub subscription for a {@link HubChannel},
 * then the channel's {@code opened}); the {@link Connection} sends the channel's
 * {@link Replay}, then what publishers (the {@link Hub}, or the channel itself) offer to
 * its bounded queue, on its own delivery task; {@link StreamEvent} is what travels.
 */
@Component
public class StreamEndpoints {

	private static final Logger log = LoggerFactory.getLogger(StreamEndpoints.class);

	private final ConnectionRegistry registry;

	private final StreamProperties properties;

	private final Executor executor;

	private final StreamMetrics metrics;

	private final StreamWebSocketHandler webSocketHandler;

	private final List<String> allowedOrigins;

	private final ClientAddress clientAddress;

	private final Map<String, WebSocketHttpRequestHandler> upgraders = new ConcurrentHashMap<>();

	StreamEndpoints(ConnectionRegistry registry, StreamProperties properties, Executor streamDeliveryExecutor,
			StreamMetrics metrics, WebProperties web, ClientAddress clientAddress) {
		this.registry = registry;
		this.properties = properties;
		this.executor = streamDeliveryExecutor;
		this.metrics = metrics;
		this.webSocketHandler = new StreamWebSocketHandler(registry, properties, streamDeliveryExecutor, metrics);
		this.allowedOrigins = web.allowedOrigins();
		this.clientAddress = clientAddress;
	}

	/**
	 * Serves {@code channel} over WebSocket (upgrade requests) or SSE (everything else
	 * that accepts it).
	 */
	public void serve(StreamChannel<?> channel, HttpServletRequest request, HttpServletResponse response)
			throws IOException, ServletException {
		if ("websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
			if (!isUpgrade(request)) {
				// The handshake handler would answer in plain text; every error here is a
				// ProblemDetail.
				Problems.write(request, response, HttpStatus.BAD_REQUEST, "invalid WebSocket handshake");
				return;
			}
			upgrader(channel).handleRequest(
					this.properties.websocketCompression() ? request : new WithoutExtensions(request), response);
		}
		else {
			serveSse(channel, request, response);
		}
	}

	/**
	 * Serves {@code channel} over SSE only. Resume from {@code Last-Event-ID} or
	 * {@code ?since=}.
	 */
	public void serveSse(StreamChannel<?> channel, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept != null && !accept.contains("text/event-stream") && !accept.contains("*/*")) {
			Problems.write(request, response, HttpStatus.NOT_ACCEPTABLE,
					"this stream speaks text/event-stream or WebSocket");
			return;
		}
		String cursor = request.getHeader("Last-Event-ID");
		if (cursor == null || cursor.isBlank()) {
			cursor = request.getParameter("since");
		}
		SseConnection connection = new SseConnection(channel, currentAdmin(), cursor, parameters(request),
				this.properties.queueSize(), this.executor, this.metrics);
		connection.from(this.clientAddress.of(request));
		if (!this.registry.admit(connection)) {
			Problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "too many connections");
			return;
		}
		try {
			connection.open(request, response);
		}
		catch (IOException | RuntimeException ex) {
			// Usually the client left during the handshake. The response is committed and
			// async started: release the slot and complete the request, or it would hold
			// up graceful shutdown forever.
			log.debug("stream opening failed", ex);
			connection.released(CloseReason.CLIENT_CLOSED);
			connection.terminate(CloseReason.ERROR);
			return;
		}
		this.registry.activate(connection);
	}

	private static boolean isUpgrade(HttpServletRequest request) {
		var connection = request.getHeaders(HttpHeaders.CONNECTION);
		while (connection.hasMoreElements()) {
			for (String token : connection.nextElement().split(",")) {
				if (token.trim().equalsIgnoreCase("upgrade")) {
					return true;
				}
			}
		}
		return false;
	}

	private WebSocketHttpRequestHandler upgrader(StreamChannel<?> channel) {
		return this.upgraders.computeIfAbsent(channel.name(), (name) -> {
			WebSocketHttpRequestHandler handler = new WebSocketHttpRequestHandler(this.webSocketHandler,
					new DefaultHandshakeHandler());
			// Same origin always; other origins only when configured. Browsers send
			// Origin on every upgrade.
			handler.setHandshakeInterceptors(List.of(new OriginHandshakeInterceptor(this.allowedOrigins),
					new ChannelAttributes(channel, this.clientAddress)));
			handler.start();
			return handler;
		});
	}

	/** First value of each query parameter, decoded. */
	private static Map<String, String> parameters(HttpServletRequest request) {
		Map<String, String> parameters = new HashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (values.length > 0) {
				parameters.put(name, values[0]);
			}
		});
		return parameters;
	}

	private static CurrentAdmin currentAdmin() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof CurrentAdmin admin)) {
			// The security chain guards every stream path; reaching here unauthenticated
			// is a wiring bug.
			throw new IllegalStateException("stream requested without an authenticated admin");
		}
		return admin;
	}

	/**
	 * The upgrade request as if the client offered no extensions: the container (Tomcat)
	 * negotiates them from the request headers itself, past Spring's handshake handler.
	 */
	private static final class WithoutExtensions extends HttpServletRequestWrapper {

		private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

		WithoutExtensions(HttpServletRequest request) {
			super(request);
		}

		@Override
		public @Nullable String getHeader(String name) {
			return EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return EXTENSIONS.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			return Collections.enumeration(Collections.list(super.getHeaderNames())
				.stream()
				.filter((name) -> !EXTENSIONS.equalsIgnoreCase(name))
				.toList());
		}

	}

	/**
	 * Hands the channel, the admin and the query parameters (resume cursor included) to
	 * the WebSocket session.
	 */
	private record ChannelAttributes(StreamChannel<?> channel,
			ClientAddress clientAddress) implements HandshakeInterceptor {

		@Override
		public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
				WebSocketHandler wsHandler, Map<String, Object> attributes) {
			attributes.put(StreamWebSocketHandler.CHANNEL, this.channel);
			attributes.put(StreamWebSocketHandler.ADMIN, currentAdmin());
			Map<String, String> parameters = (request instanceof ServletServerHttpRequest servlet)
					? parameters(servlet.getServletRequest()) : Map.of();
			attributes.put(StreamWebSocketHandler.PARAMETERS, parameters);
			if (request instanceof ServletServerHttpRequest servlet) {
				attributes.put(StreamWebSocketHandler.ADDRESS, this.clientAddress.of(servlet.getServletRequest()));
			}
			return true;
		}

		@Override
		public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
				@Nullable Exception exception) {
		}

	}

}
