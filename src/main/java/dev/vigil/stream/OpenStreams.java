package dev.vigil.stream;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Read-only view of the stream connections open now, for "who is online": which admin,
 * which stream over which transport, since when and from where. Nothing here can close or
 * change a connection.
 */
@Component
public class OpenStreams {

	private final ConnectionRegistry registry;

	OpenStreams(ConnectionRegistry registry) {
		this.registry = registry;
	}

	/** Every open connection, oldest first. */
	public List<OpenStream> list() {
		return this.registry.open()
			.stream()
			.map((connection) -> new OpenStream(connection.id(), connection.admin().id(),
					connection.admin().viaApiKey(), connection.channel().name(), connection.transport().tag(),
					connection.since(), connection.address()))
			.sorted(Comparator.comparing(OpenStream::since).thenComparing(OpenStream::id))
			.toList();
	}

	/**
	 * One open connection.
	 *
	 * @param id the connection's id (opaque)
	 * @param adminId the admin it belongs to (for an API key, the key's owner)
	 * @param viaApiKey whether an API key opened it rather than a signed-in session
	 * @param stream the stream's name ({@code logs}, {@code dashboard}, ...)
	 * @param transport {@code sse} or {@code ws}
	 * @param since when it was opened
	 * @param address the client's address as {@code vigil.web.trust-proxy} reads it
	 */
	public record OpenStream(String id, long adminId, boolean viaApiKey, String stream, String transport, Instant since,
			String address) {
	}

}
