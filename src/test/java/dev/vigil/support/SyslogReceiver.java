package dev.vigil.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ServerSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * A syslog receiver on a loopback port: accepts TCP (or TLS) connections and parses
 * octet-counted (RFC 6587) RFC 5424 frames strictly, failing loudly on anything else. It
 * can be stopped (connections closed, port refused) and started again on the same port.
 */
public final class SyslogReceiver implements AutoCloseable {

	/** A parsed RFC 5424 message. */
	public record Message(int priority, String timestamp, String hostname, String appName, String procId, String msgId,
			Map<String, Map<String, String>> structuredData, String msg) {

		/** A parameter of a structured data element, or null. */
		public @Nullable String param(String sdId, String name) {
			Map<String, String> element = this.structuredData.get(sdId);
			return (element != null) ? element.get(name) : null;
		}

	}

	private final ServerSocketFactory factory;

	private final List<Message> messages = new CopyOnWriteArrayList<>();

	private final List<String> errors = new CopyOnWriteArrayList<>();

	private final List<Socket> connections = new CopyOnWriteArrayList<>();

	private volatile @Nullable ServerSocket server;

	private int port;

	private SyslogReceiver(ServerSocketFactory factory) {
		this.factory = factory;
	}

	/** A plain TCP receiver, started on a free port. */
	public static SyslogReceiver start() throws IOException {
		return start(ServerSocketFactory.getDefault());
	}

	/** A receiver whose sockets the factory makes (TLS), started on a free port. */
	public static SyslogReceiver start(ServerSocketFactory factory) throws IOException {
		SyslogReceiver receiver = new SyslogReceiver(factory);
		receiver.listen(0);
		return receiver;
	}

	public int port() {
		return this.port;
	}

	/** Everything received so far, in order of arrival. */
	public List<Message> messages() {
		if (!this.errors.isEmpty()) {
			throw new AssertionError("the receiver got malformed frames: " + this.errors);
		}
		return List.copyOf(this.messages);
	}

	/** How many connections it has accepted. */
	public int connectionsAccepted() {
		return this.accepted;
	}

	private volatile int accepted;

	/** Stops listening and drops every connection: senders see the receiver go away. */
	public synchronized void stop() throws IOException {
		ServerSocket current = this.server;
		this.server = null;
		if (current != null) {
			current.close();
		}
		for (Socket socket : this.connections) {
			socket.close();
		}
		this.connections.clear();
	}

	/** Listens again on the same port. */
	public synchronized void restart() throws IOException {
		if (this.server == null) {
			listen(this.port);
		}
	}

	private void listen(int port) throws IOException {
		ServerSocket socket = this.factory.createServerSocket();
		socket.setReuseAddress(true);
		socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		this.port = socket.getLocalPort();
		this.server = socket;
		Thread acceptor = new Thread(() -> accept(socket), "syslog-receiver-" + this.port);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed()) {
			try {
				Socket connection = socket.accept();
				this.accepted++;
				this.connections.add(connection);
				Thread reader = new Thread(() -> read(connection), "syslog-receiver-connection");
				reader.setDaemon(true);
				reader.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void read(Socket connection) {
		try (connection; InputStream in = new BufferedInputStream(connection.getInputStream())) {
			while (true) {
				Integer length = frameLength(in);
				if (length == null) {
					return;
				}
				byte[] frame = in.readNBytes(length);
				if (frame.length < length) {
					// Cut off by a closed connection: a sender must send it again.
					return;
				}
				String text = new String(frame, StandardCharsets.UTF_8);
				try {
					this.messages.add(parse(text));
				}
				catch (RuntimeException ex) {
					this.errors.add(ex.getMessage() + ": " + text);
				}
			}
		}
		catch (IOException ex) {
			// The connection ended (or this receiver stopped).
		}
	}

	/** MSG-LEN SP: digits, then one space; null at a clean end of stream. */
	private @Nullable Integer frameLength(InputStream in) throws IOException {
		ByteArrayOutputStream digits = new ByteArrayOutputStream();
		while (true) {
			int b = in.read();
			if (b < 0) {
				if (digits.size() > 0) {
					this.errors.add("stream ended inside a frame length");
				}
				return null;
			}
			if (b == ' ') {
				String text = digits.toString(StandardCharsets.US_ASCII);
				if (text.isEmpty() || text.startsWith("0") || text.length() > 9) {
					throw new IOException("bad frame length '" + text + "'");
				}
				return Integer.valueOf(text);
			}
			if (b < '0' || b > '9') {
				this.errors.add("not an octet-counted frame: byte " + b);
				throw new IOException("not octet counting");
			}
			digits.write(b);
		}
	}

	/** Parses one RFC 5424 message strictly (section 6). */
	public static Message parse(String text) {
		Cursor c = new Cursor(text);
		c.expect('<');
		int priority = Integer.parseInt(c.until('>'));
		c.expect('>');
		c.expect('1');
		c.expect(' ');
		String timestamp = c.field();
		String hostname = c.field();
		String appName = c.field();
		String procId = c.field();
		String msgId = c.field();
		Map<String, Map<String, String>> sd = new LinkedHashMap<>();
		if (c.peek() == '-') {
			c.expect('-');
		}
		else {
			while (c.more() && c.peek() == '[') {
				c.expect('[');
				String id = c.name();
				Map<String, String> params = new LinkedHashMap<>();
				while (c.peek() == ' ') {
					c.expect(' ');
					String name = c.name();
					c.expect('=');
					c.expect('"');
					params.put(name, c.quoted());
				}
				c.expect(']');
				if (sd.put(id, params) != null) {
					throw new IllegalArgumentException("repeated SD-ID " + id);
				}
			}
		}
		String msg = "";
		if (c.more()) {
			c.expect(' ');
			msg = c.rest();
		}
		if (priority < 0 || priority > 191) {
			throw new IllegalArgumentException("bad PRI " + priority);
		}
		return new Message(priority, timestamp, hostname, appName, procId, msgId, sd, msg);
	}

	private static final class Cursor {

		private final String text;

		private int at;

		Cursor(String text) {
			this.text = text;
		}

		boolean more() {
			return this.at < this.text.length();
		}

		char peek() {
			if (!more()) {
				throw new IllegalArgumentException("message ends early");
			}
			return this.text.charAt(this.at);
		}

		void expect(char c) {
			if (peek() != c) {
				throw new IllegalArgumentException("expected '" + c + "' at " + this.at);
			}
			this.at++;
		}

		String until(char c) {
			int end = this.text.indexOf(c, this.at);
			if (end < 0) {
				throw new IllegalArgumentException("no '" + c + "'");
			}
			String part = this.text.substring(this.at, end);
			this.at = end;
			return part;
		}

		/** A header field: printable ASCII, no space, then one space. */
		String field() {
			String value = until(' ');
			this.at++;
			if (value.isEmpty() || !value.chars().allMatch((ch) -> ch > 32 && ch < 127)) {
				throw new IllegalArgumentException("bad header field '" + value + "'");
			}
			return value;
		}

		/** SD-NAME: 1-32 printable ASCII except '=', ' ', ']', '"'. */
		String name() {
			int start = this.at;
			while (more() && peek() > 32 && peek() < 127 && "= ]\"".indexOf(peek()) < 0) {
				this.at++;
			}
			String name = this.text.substring(start, this.at);
			if (name.isEmpty() || name.length() > 32) {
				throw new IllegalArgumentException("bad SD name '" + name + "'");
			}
			return name;
		}

		/** PARAM-VALUE up to the closing quote, with '"', '\' and ']' escaped. */
		String quoted() {
			StringBuilder value = new StringBuilder();
			while (true) {
				char c = peek();
				this.at++;
				if (c == '"') {
					return value.toString();
				}
				if (c == ']') {
					throw new IllegalArgumentException("unescaped ']' in a parameter value");
				}
				if (c == '\\' && more() && "\"\\]".indexOf(peek()) >= 0) {
					c = peek();
					this.at++;
				}
				value.append(c);
			}
		}

		String rest() {
			String rest = this.text.substring(this.at);
			this.at = this.text.length();
			return rest;
		}

	}

	@Override
	public void close() throws IOException {
		stop();
	}

	/** The ids in the {@code audit@32473} element of every message, in order. */
	public List<Long> auditIds() {
		List<Long> ids = new ArrayList<>();
		for (Message message : messages()) {
			ids.add(Long.valueOf(message.param("audit@32473", "id")));
		}
		return ids;
	}

}
