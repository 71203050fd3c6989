package dev.vigil.webhooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP endpoint for webhook deliveries (the JDK's server on a random loopback
 * port): records each request with its headers, body and whether the signature and
 * timestamp verify, and answers as told per request number (1-based).
 */
final class WebhookReceiver implements AutoCloseable {

	/** An answer; status 0 means hang until the receiver is closed. */
	record Answer(int status, Map<String, String> headers) {

		static Answer of(int status) {
			return new Answer(status, Map.of());
		}

		static Answer hang() {
			return new Answer(0, Map.of());
		}

	}

	record Received(String path, Map<String, List<String>> headers, String body, boolean signatureValid,
			long receivedAtNanos) {

		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((e) -> e.getKey().equalsIgnoreCase(name))
				.map((e) -> e.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final AtomicInteger count = new AtomicInteger();

	private final CountDownLatch closing = new CountDownLatch(1);

	private volatile String secret = "";

	WebhookReceiver(IntFunction<Answer> answers) {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/", (exchange) -> handle(exchange, answers));
		this.server.start();
	}

	/** The secret signatures are checked with (known once the webhook is created). */
	void secret(String secret) {
		this.secret = secret;
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	private void handle(HttpExchange exchange, IntFunction<Answer> answers) throws IOException {
		byte[] bytes = exchange.getRequestBody().readAllBytes();
		String body = new String(bytes, StandardCharsets.UTF_8);
		this.received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
				body, verifies(exchange.getRequestHeaders().getFirst("X-Vigil-Signature"), body), System.nanoTime()));
		Answer answer = answers.apply(this.count.incrementAndGet());
		if (answer.status() == 0) {
			try {
				this.closing.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
			return;
		}
		answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		exchange.sendResponseHeaders(answer.status(), -1);
		exchange.close();
	}

	/**
	 * The receiver's side of the scheme, as docs/decisions.md gives it: HMAC-SHA256 of
	 * {@code "<t>.<body>"} with the secret, compared in constant time, and a timestamp
	 * within five minutes.
	 */
	private boolean verifies(String header, String body) {
		if (header == null) {
			return false;
		}
		String t = null;
		String v1 = null;
		for (String part : header.split(",")) {
			String[] kv = part.split("=", 2);
			if (kv.length == 2 && kv[0].equals("t")) {
				t = kv[1];
			}
			if (kv.length == 2 && kv[0].equals("v1")) {
				v1 = kv[1];
			}
		}
		if (t == null || v1 == null) {
			return false;
		}
		long age = Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t));
		String expected = hmacHex(this.secret, t + "." + body);
		return age <= Duration.ofMinutes(5).toSeconds() && java.security.MessageDigest
			.isEqual(expected.getBytes(StandardCharsets.US_ASCII), v1.getBytes(StandardCharsets.US_ASCII));
	}

	/** Written apart from Vigil's signer, so the two are checked against each other. */
	static String hmacHex(String secret, String text) {
		try {
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return java.util.HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.closing.countDown();
		this.server.stop(0);
	}

}
