package dev.vigil.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A WebSocket client on a plain socket that writes whatever frames it is told to: invalid
 * UTF-8, unmasked or reserved-bit frames, lying lengths, 16 MB payloads. The JDK client
 * refuses to send most of these. Server frames are read one at a time;
 * {@link #awaitClose} reports the close code.
 */
public final class RawWebSocket implements AutoCloseable {

	public static final int CONTINUATION = 0x0;

	public static final int TEXT = 0x1;

	public static final int BINARY = 0x2;

	public static final int CLOSE = 0x8;

	public static final int PING = 0x9;

	public static final int PONG = 0xA;

	/**
	 * What {@link #awaitClose} answers when the connection ended without a close frame.
	 */
	public static final int NO_CLOSE_FRAME = 1006;

	/**
	 * What {@link #awaitClose} answers when the connection is still open after the wait.
	 */
	public static final int STILL_OPEN = -1;

	/** What {@link #pingPong} answers when the server answered the ping. */
	public static final int ALIVE = 0;

	/** One frame from the server. */
	public record Frame(int opcode, byte[] payload) {

		public String text() {
			return new String(this.payload, StandardCharsets.UTF_8);
		}

		/** The status code of a close frame (1005 when it carries none). */
		public int closeCode() {
			return (this.payload.length >= 2) ? ((this.payload[0] & 0xff) << 8) | (this.payload[1] & 0xff) : 1005;
		}

	}

	private static final ExecutorService WRITERS = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "raw-ws-writer");
		thread.setDaemon(true);
		return thread;
	});

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final int status;

	private final String responseHead;

	private final Random random = new Random(1);

	private volatile boolean largeWrite;

	private RawWebSocket(Socket socket, InputStream in, int status, String responseHead) throws IOException {
		this.socket = socket;
		this.in = in;
		this.out = socket.getOutputStream();
		this.status = status;
		this.responseHead = responseHead;
	}

	/**
	 * Sends an upgrade request for {@code path} with the standard handshake headers, then
	 * {@code headers} (an entry with an existing name replaces the standard one; a null
	 * value removes it). The result holds the handshake status; frames only when it is
	 * 101.
	 */
	public static RawWebSocket connect(int port, String path, List<String[]> headers) throws IOException {
		java.util.Map<String, String> all = new java.util.LinkedHashMap<>();
		all.put("Host", "localhost:" + port);
		all.put("Upgrade", "websocket");
		all.put("Connection", "Upgrade");
		byte[] key = new byte[16];
		new Random().nextBytes(key);
		all.put("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(key));
		all.put("Sec-WebSocket-Version", "13");
		all.put("Origin", "http://localhost:" + port);
		for (String[] header : headers) {
			all.keySet().removeIf((name) -> name.equalsIgnoreCase(header[0]));
			if (header[1] != null) {
				all.put(header[0], header[1]);
			}
		}
		StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
		all.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
		request.append("\r\n");
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress("localhost", port), 5_000);
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			InputStream in = new BufferedInputStream(socket.getInputStream());
			String head = readHead(in);
			int status = (head == null) ? 0 : Integer.parseInt(head.split(" ", 3)[1]);
			return new RawWebSocket(socket, in, status, (head != null) ? head : "");
		}
		catch (IOException | RuntimeException ex) {
			socket.close();
			throw ex;
		}
	}

	/** The handshake's HTTP status: 101 when upgraded. */
	public int status() {
		return this.status;
	}

	/** The handshake response's status line and headers. */
	public String responseHead() {
		return this.responseHead;
	}

	/** The body of a refused handshake (what arrives within a short wait). */
	public byte[] refusalBody() {
		try {
			this.socket.setSoTimeout(1_000);
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			int n;
			String length = header("content-length");
			int expected = (length != null) ? Integer.parseInt(length.trim()) : Integer.MAX_VALUE;
			boolean chunked = "chunked".equalsIgnoreCase(header("transfer-encoding"));
			while (body.size() < expected && (n = this.in.read(buffer)) > 0) {
				body.write(buffer, 0, n);
				if (chunked && new String(body.toByteArray(), StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n")) {
					break;
				}
			}
			return chunked ? dechunk(body.toByteArray()) : body.toByteArray();
		}
		catch (IOException ex) {
			return new byte[0];
		}
	}

	private static byte[] dechunk(byte[] chunked) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		String text = new String(chunked, StandardCharsets.ISO_8859_1);
		int i = 0;
		while (i < text.length()) {
			int end = text.indexOf("\r\n", i);
			if (end < 0) {
				break;
			}
			int n = Integer.parseInt(text.substring(i, end).split(";")[0].trim(), 16);
			if (n == 0) {
				break;
			}
			out.write(chunked, end + 2, Math.min(n, chunked.length - end - 2));
			i = end + 2 + n + 2;
		}
		return out.toByteArray();
	}

	private String header(String name) {
		for (String line : this.responseHead.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
				return line.substring(colon + 1).trim();
			}
		}
		return null;
	}

	public void sendText(String text) throws IOException {
		send(TEXT, text.getBytes(StandardCharsets.UTF_8));
	}

	public void send(int opcode, byte[] payload) throws IOException {
		sendFrame(true, 0, opcode, true, payload);
	}

	/** One frame exactly as described: FIN bit, RSV bits (0-7), opcode, masked or not. */
	public synchronized void sendFrame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload)
			throws IOException {
		this.out.write(header(fin, rsv, opcode, masked, payload.length));
		byte[] mask = new byte[4];
		this.random.nextBytes(mask);
		if (masked) {
			this.out.write(mask);
			byte[] copy = payload.clone();
			for (int i = 0; i < copy.length; i++) {
				copy[i] ^= mask[i & 3];
			}
			this.out.write(copy);
		}
		else {
			this.out.write(payload);
		}
		this.out.flush();
	}

	/**
	 * Starts writing one masked frame of {@code length} bytes of {@code fill} on another
	 * thread (a server that refuses it stops reading, so the write may never finish); the
	 * write ends with an error when the connection is closed.
	 */
	public void sendLargeFrameAsync(int opcode, long length, byte fill) {
		sendLargeFrameAsync(opcode, length, length, fill);
	}

	/**
	 * Like {@link #sendLargeFrameAsync(int, long, byte)}, announcing {@code declared}
	 * bytes but sending {@code length}.
	 */
	public void sendLargeFrameAsync(int opcode, long declared, long length, byte fill) {
		this.largeWrite = true;
		WRITERS.execute(() -> {
			try {
				synchronized (this) {
					this.out.write(header(true, 0, opcode, true, declared));
					byte[] mask = { 1, 2, 3, 4 };
					this.out.write(mask);
					byte[] chunk = new byte[64 * 1024];
					for (int i = 0; i < chunk.length; i++) {
						chunk[i] = (byte) (fill ^ mask[i & 3]);
					}
					for (long sent = 0; sent < length; sent += chunk.length) {
						this.out.write(chunk, 0, (int) Math.min(chunk.length, length - sent));
					}
					this.out.flush();
				}
			}
			catch (IOException ex) {
				// Refused and closed by the server, as it should.
			}
		});
	}

	/**
	 * The next frame within {@code timeout}; null on timeout. Throws EOFException when
	 * the connection ended.
	 */
	public Frame read(Duration timeout) throws IOException {
		this.socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
		int b0;
		try {
			b0 = this.in.read();
		}
		catch (SocketTimeoutException ex) {
			return null;
		}
		if (b0 < 0) {
			throw new EOFException();
		}
		this.socket.setSoTimeout(10_000);
		int b1 = readByte();
		long length = b1 & 0x7f;
		if (length == 126) {
			length = (readByte() << 8) | readByte();
		}
		else if (length == 127) {
			length = 0;
			for (int i = 0; i < 8; i++) {
				length = (length << 8) | readByte();
			}
		}
		if (length > 64L * 1024 * 1024) {
			throw new IOException("server frame too long: " + length);
		}
		byte[] payload = this.in.readNBytes((int) length);
		if (payload.length < length) {
			throw new EOFException();
		}
		return new Frame(b0 & 0x0f, payload);
	}

	/**
	 * Reads (and drops) frames until the server's close frame and returns its code;
	 * {@link #NO_CLOSE_FRAME} when the connection ended without one, {@link #STILL_OPEN}
	 * when nothing ended within {@code timeout}. Text frames read on the way are passed
	 * to {@code texts}.
	 */
	public int awaitClose(Duration timeout, List<String> texts) {
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (true) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return STILL_OPEN;
				}
				Frame frame = read(Duration.ofNanos(left));
				if (frame == null) {
					return STILL_OPEN;
				}
				if (frame.opcode() == CLOSE) {
					return frame.closeCode();
				}
				if (frame.opcode() == TEXT && texts != null) {
					texts.add(frame.text());
				}
			}
		}
		catch (IOException ex) {
			return NO_CLOSE_FRAME;
		}
	}

	/**
	 * Sends a ping and waits for its pong, answering the server's own pings (as any
	 * client does) and passing text frames read meanwhile to {@code texts}:
	 * {@link #ALIVE} when the pong came back, else what {@link #awaitClose} would answer
	 * (the close code, {@link #NO_CLOSE_FRAME} or {@link #STILL_OPEN}).
	 */
	public int pingPong(Duration timeout, List<String> texts) {
		byte[] token = "alive?".getBytes(StandardCharsets.US_ASCII);
		try {
			send(PING, token);
		}
		catch (IOException ex) {
			return NO_CLOSE_FRAME;
		}
		return await(timeout, (frame) -> frame.opcode() == PONG && java.util.Arrays.equals(frame.payload(), token),
				texts);
	}

	/**
	 * Like {@link #pingPong}, waiting for a text frame that {@code wanted} accepts
	 * instead of a pong.
	 */
	public int awaitText(Duration timeout, java.util.function.Predicate<String> wanted, List<String> texts) {
		return await(timeout, (frame) -> frame.opcode() == TEXT && wanted.test(frame.text()), texts);
	}

	private int await(Duration timeout, java.util.function.Predicate<Frame> wanted, List<String> texts) {
		try {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (System.nanoTime() < deadline) {
				Frame frame = read(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
				if (frame == null) {
					return STILL_OPEN;
				}
				if (frame.opcode() == TEXT && texts != null) {
					texts.add(frame.text());
				}
				if (wanted.test(frame)) {
					return ALIVE;
				}
				if (frame.opcode() == CLOSE) {
					return frame.closeCode();
				}
				if (frame.opcode() == PING) {
					send(PONG, frame.payload());
				}
			}
			return STILL_OPEN;
		}
		catch (IOException ex) {
			return NO_CLOSE_FRAME;
		}
	}

	/** Sends a normal close frame and closes the socket. */
	@Override
	public void close() {
		try {
			// A large write may hold the stream (blocked on a server that stopped
			// reading): just drop the socket.
			if (this.status == 101 && !this.largeWrite && !this.socket.isClosed()) {
				send(CLOSE, new byte[] { 0x03, (byte) 0xe8 });
			}
		}
		catch (IOException ex) {
			// Already closed by the server.
		}
		finally {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// Nothing left to release.
			}
		}
	}

	private int readByte() throws IOException {
		int b = this.in.read();
		if (b < 0) {
			throw new EOFException();
		}
		return b;
	}

	private static byte[] header(boolean fin, int rsv, int opcode, boolean masked, long length) {
		ByteArrayOutputStream header = new ByteArrayOutputStream();
		header.write((fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f));
		int maskBit = masked ? 0x80 : 0;
		if (length < 126) {
			header.write(maskBit | (int) length);
		}
		else if (length <= 0xffff) {
			header.write(maskBit | 126);
			header.write((int) (length >> 8) & 0xff);
			header.write((int) length & 0xff);
		}
		else {
			header.write(maskBit | 127);
			for (int i = 7; i >= 0; i--) {
				header.write((int) (length >> (8 * i)) & 0xff);
			}
		}
		return header.toByteArray();
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) >= 0) {
			head.write(b);
			int n = head.size();
			if (n >= 4) {
				byte[] bytes = head.toByteArray();
				if (bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
					return new String(bytes, 0, n - 4, StandardCharsets.ISO_8859_1);
				}
			}
		}
		return null;
	}

}
