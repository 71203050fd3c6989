package dev.vigil.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client sends: any bytes in
 * the request line, headers and body (invalid UTF-8, control characters, lying lengths,
 * oversized headers). One connection per request ({@code Connection: close}). A response
 * that opens an event stream or switches protocols is not read past its headers.
 */
public final class RawHttp {

	/**
	 * Status 0: the server closed the connection without answering; -1: it did not answer
	 * in time.
	 */
	public record Response(int status, Map<String, List<String>> headers, byte[] body) {

		/** First value of a header (name case-insensitive), or null. */
		public String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
			return (values != null) ? values.get(0) : null;
		}

		/** Every value of a header (name case-insensitive). */
		public List<String> headers(String name) {
			return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
		}

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

	private static final ExecutorService WRITERS = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "raw-http-writer");
		thread.setDaemon(true);
		return thread;
	});

	private static final int TIMEOUT_MS = 10_000;

	private final int port;

	public RawHttp(int port) {
		this.port = port;
	}

	/**
	 * A request with {@code Host} and {@code Connection: close}, the given headers
	 * (written as ISO-8859-1, so any byte can be sent), and {@code Content-Length} when a
	 * body is given and no length or transfer coding header is among {@code headers}.
	 */
	public byte[] request(String method, String target, List<String[]> headers, byte[] body) {
		StringBuilder head = new StringBuilder();
		head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
		head.append("Host: localhost:").append(this.port).append("\r\n");
		head.append("Connection: close\r\n");
		boolean framed = false;
		for (String[] header : headers) {
			head.append(header[0]).append(": ").append(header[1]).append("\r\n");
			framed |= header[0].equalsIgnoreCase("Content-Length") || header[0].equalsIgnoreCase("Transfer-Encoding");
		}
		if (body != null && !framed) {
			head.append("Content-Length: ").append(body.length).append("\r\n");
		}
		head.append("\r\n");
		byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
		if (body == null) {
			return headBytes;
		}
		byte[] all = new byte[headBytes.length + body.length];
		System.arraycopy(headBytes, 0, all, 0, headBytes.length);
		System.arraycopy(body, 0, all, headBytes.length, body.length);
		return all;
	}

	/**
	 * Sends {@code request} and reads the response. Large requests are written on another
	 * thread so that a server that answers early (and stops reading) is still heard. With
	 * {@code halfClose} the client shuts down its output after the request, as a client
	 * that vanished mid-body would.
	 */
	public Response exchange(byte[] request, boolean halfClose) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("localhost", this.port), 5_000);
			socket.setSoTimeout(TIMEOUT_MS);
			OutputStream out = socket.getOutputStream();
			if (request.length > 256 * 1024) {
				WRITERS.execute(() -> write(socket, out, request, halfClose));
			}
			else {
				write(socket, out, request, halfClose);
			}
			try {
				boolean head = new String(request, 0, Math.min(5, request.length), StandardCharsets.ISO_8859_1)
					.equals("HEAD ");
				return read(new BufferedInputStream(socket.getInputStream()), head);
			}
			catch (SocketTimeoutException ex) {
				return new Response(-1, Map.of(), new byte[0]);
			}
		}
	}

	public Response send(String method, String target, List<String[]> headers, byte[] body) throws IOException {
		return exchange(request(method, target, headers, body), false);
	}

	private static void write(Socket socket, OutputStream out, byte[] request, boolean halfClose) {
		try {
			out.write(request);
			out.flush();
			if (halfClose) {
				socket.shutdownOutput();
			}
		}
		catch (IOException ex) {
			// The server answered (or gave up) before reading everything: its answer is
			// what counts.
		}
	}

	private static Response read(InputStream in, boolean head) throws IOException {
		byte[] responseHead;
		try {
			responseHead = readHead(in);
		}
		catch (SocketTimeoutException ex) {
			throw ex;
		}
		catch (IOException ex) {
			// Reset before any answer.
			return new Response(0, Map.of(), new byte[0]);
		}
		if (responseHead == null) {
			return new Response(0, Map.of(), new byte[0]);
		}
		String[] lines = new String(responseHead, StandardCharsets.ISO_8859_1).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ", 3)[1]);
		if (status == 100) {
			return read(in, head);
		}
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers
					.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
							(name) -> new ArrayList<>())
					.add(lines[i].substring(colon + 1).trim());
			}
		}
		String contentType = headers.getOrDefault("content-type", List.of("")).get(0);
		if (head || status == 101 || status == 204 || status == 304 || contentType.startsWith("text/event-stream")) {
			return new Response(status, headers, new byte[0]);
		}
		byte[] body;
		try {
			body = readBody(in, headers);
		}
		catch (SocketTimeoutException ex) {
			throw ex;
		}
		catch (IOException ex) {
			// Reset after the response: keep the status, the body is lost.
			body = new byte[0];
		}
		return new Response(status, headers, body);
	}

	/**
	 * The bytes up to the blank line ending the head, or null when the connection closed
	 * first.
	 */
	private static byte[] readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		int b;
		while ((b = in.read()) >= 0) {
			head.write(b);
			matched = ((b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)))
					? matched + 1 : ((b == '\r') ? 1 : 0);
			if (matched == 4) {
				byte[] bytes = head.toByteArray();
				return Arrays.copyOf(bytes, bytes.length - 4);
			}
		}
		return null;
	}

	/** By Content-Length, chunk by chunk, or up to the end of the connection. */
	private static byte[] readBody(InputStream in, Map<String, List<String>> headers) throws IOException {
		if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			while (true) {
				String line = readLine(in);
				if (line == null) {
					return body.toByteArray();
				}
				int n = Integer.parseInt(line.split(";")[0].trim(), 16);
				if (n == 0) {
					return body.toByteArray();
				}
				body.writeBytes(in.readNBytes(n));
				readLine(in);
			}
		}
		List<String> length = headers.get("content-length");
		if (length != null) {
			return in.readNBytes(Integer.parseInt(length.get(0)));
		}
		return in.readAllBytes();
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) >= 0 && b != '\n') {
			if (b != '\r') {
				line.write(b);
			}
		}
		return (b < 0 && line.size() == 0) ? null : line.toString(StandardCharsets.ISO_8859_1);
	}

}
