package dev.vigil.web;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Smaller per-connection buffers in Tomcat, for the memory of thousands of idle live
 * streams (issue 17). Tomcat allocates its buffers per open connection, not per byte in
 * flight, and keeps them while the stream is idle: with its 8 KB defaults an idle
 * WebSocket held ~77 KB of heap and an idle SSE stream ~107 KB (class histograms,
 * docs/benchmarks.md). Stream events are small, and a larger write goes out in more
 * pieces rather than failing, so 2 KB costs a few more system calls on big responses and
 * saves ~50 KB per idle WebSocket and ~20 KB per idle SSE stream. The request header
 * buffer (8 KB, cookies carry the session) is left alone.
 */
@Configuration(proxyBeanMethods = false)
class TomcatBuffersConfiguration {

	/** Bytes per connection for each of the socket's read and write buffers (8 KB). */
	static final int SOCKET_BUFFER = 2048;

	/**
	 * Bytes per WebSocket for each of the frame input, output and encoder buffers (8 KB);
	 * a system property Tomcat reads once, when its WebSocket support starts.
	 */
	static final int WEBSOCKET_IO_BUFFER = 2048;

	static final String WEBSOCKET_IO_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> smallerConnectionBuffers() {
		return (factory) -> {
			// Before the server starts, so before Tomcat's WebSocket support reads it; an
			// operator's -D wins.
			if (System.getProperty(WEBSOCKET_IO_BUFFER_PROPERTY) == null) {
				System.setProperty(WEBSOCKET_IO_BUFFER_PROPERTY, Integer.toString(WEBSOCKET_IO_BUFFER));
			}
			factory.addConnectorCustomizers((connector) -> {
				connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_BUFFER));
				connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_BUFFER));
			});
		};
	}

}
