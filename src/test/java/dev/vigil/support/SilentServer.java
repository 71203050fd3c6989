package dev.vigil.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A server that accepts connections and never answers: a peer that hangs (an SMTP server
 * that sends no greeting, a receiver that never replies). Closing it drops every
 * connection it holds.
 */
public final class SilentServer implements AutoCloseable {

	private final ServerSocket socket;

	private final List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());

	private SilentServer(ServerSocket socket) {
		this.socket = socket;
		Thread acceptor = new Thread(this::accept, "silent-server");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** Listens on {@code port} (0: any free port). */
	public static SilentServer listen(int port) throws IOException {
		return new SilentServer(new ServerSocket(port));
	}

	public int port() {
		return this.socket.getLocalPort();
	}

	private void accept() {
		try {
			while (true) {
				this.accepted.add(this.socket.accept());
			}
		}
		catch (IOException ex) {
			// closed
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
		for (Socket connection : List.copyOf(this.accepted)) {
			connection.close();
		}
	}

}
