package dev.vigil.web.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import dev.vigil.support.RawHttp;
import dev.vigil.support.RawWebSocket;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed handshakes and frames for one stream path at a time, over a raw socket so
 * that any frame can be sent; every frame or handshake sent is one input. Bad input must
 * end in a close code that names the problem, never in a silent drop; control messages
 * and floods of control frames must leave the stream alive.
 */
final class WebSocketFuzzer {

	private static final Duration WAIT = Duration.ofSeconds(10);

	/**
	 * Close codes that tell the client what was wrong with its input (RFC 6455 7.4.1 and
	 * the contract).
	 */
	private static final List<Integer> PROPER = List.of(1002, 1003, 1007, 1008, 1009);

	private final int port;

	private final String[] credential;

	private final Random random;

	private final Tally tally;

	private final Verdicts verdicts;

	/**
	 * Numbers the frame cases in the order {@link #frames} sends them, to name a failing
	 * one.
	 */
	private int caseNumber;

	/**
	 * @param credential the header that signs the upgrade in: the access cookie, or an
	 * API key's {@code Authorization} on the machine API
	 */
	WebSocketFuzzer(int port, String[] credential, Random random, Tally tally, Verdicts verdicts) {
		this.port = port;
		this.credential = credential;
		this.random = random;
		this.tally = tally;
		this.verdicts = verdicts;
	}

	void handshakes(String path) throws Exception {
		List<List<String[]>> variants = new ArrayList<>();
		String scheme = this.credential[0].equals("Cookie") ? "access_token=" : "Bearer ";
		variants.add(List.<String[]>of(h(this.credential[0], null)));
		variants.add(List.<String[]>of(h(this.credential[0], scheme + "garbage")));
		variants.add(List.<String[]>of(h(this.credential[0], scheme + "A".repeat(7000))));
		for (String origin : List.of("null", "http://evil.example", "garbage", "", "http://" + "a".repeat(3000),
				"http://localhost:1", "\u00ff\u00fe")) {
			variants.add(List.<String[]>of(this.credential, h("Origin", origin)));
		}
		for (String version : List.of("12", "abc", "", "13, 8")) {
			variants.add(List.<String[]>of(this.credential, h("Sec-WebSocket-Version", version)));
		}
		variants.add(List.<String[]>of(this.credential, h("Sec-WebSocket-Version", null)));
		for (String key : List.of("", "!!!", "x".repeat(200))) {
			variants.add(List.<String[]>of(this.credential, h("Sec-WebSocket-Key", key)));
		}
		variants.add(List.<String[]>of(this.credential, h("Sec-WebSocket-Key", null)));
		variants.add(List.<String[]>of(this.credential, h("Connection", "keep-alive")));
		variants.add(List.<String[]>of(this.credential, h("Upgrade", "websocket2"), h("Accept", "application/json")));
		variants.add(List.<String[]>of(this.credential, h("Sec-WebSocket-Protocol", "garbage, \u00ff")));
		variants
			.add(List.<String[]>of(this.credential, h("Sec-WebSocket-Extensions", "permessage-deflate; garbage=1")));
		variants.add(List.<String[]>of(this.credential,
				h("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits=99")));
		variants.add(List.<String[]>of(this.credential, h("Last-Event-ID", "x".repeat(5000))));
		int sent = 0;
		for (List<String[]> headers : variants) {
			handshake(path, headers);
			sent++;
		}
		for (String query : List.of("?since=garbage", "?since=-1", "?since=99999999999999999999", "?backlog=-1",
				"?backlog=abc", "?level=%00", "?search=" + "x".repeat(600), "?since=%zz", "?level=a&level=b")) {
			handshake(path + query, List.<String[]>of(this.credential));
			sent++;
		}
		this.tally.webSocket("ws-handshake", sent);
	}

	private void handshake(String target, List<String[]> headers) throws Exception {
		try (RawWebSocket ws = RawWebSocket.connect(this.port, target, headers)) {
			int status = ws.status();
			this.tally.handshakeStatuses.computeIfAbsent(status, (k) -> new AtomicInteger()).incrementAndGet();
			String what = "WS handshake " + Verdicts.abbreviate(target, 100) + " " + describe(headers);
			if (status == 0 || status >= 500) {
				this.tally.fail(what + "\n    -> status " + status);
			}
			else if (status >= 400) {
				byte[] body = ws.refusalBody();
				String leak = this.verdicts.leak(new String(body, StandardCharsets.UTF_8));
				if (leak != null) {
					this.tally.fail(what + "\n    -> refusal shows \"" + leak + "\"");
				}
				RawHttp.Response response = new RawHttp.Response(status, headersOf(ws.responseHead()), body);
				if (body.length > 0 && !Verdicts.isProblem(response)) {
					this.tally.fail(what + "\n    -> refusal " + status + " is not a ProblemDetail: "
							+ Verdicts.abbreviate(new String(body, StandardCharsets.UTF_8), 200));
				}
			}
		}
	}

	void frames(String path) throws Exception {
		// Invalid UTF-8 in a text message: 1007, whole or split across fragments.
		for (byte[] bad : List.of(FuzzInputs.bytes(0xC3, 0x28), FuzzInputs.bytes(0xFF),
				FuzzInputs.bytes(0xED, 0xA0, 0x80), FuzzInputs.bytes(0xF4, 0x90, 0x80, 0x80),
				FuzzInputs.bytes(0xC0, 0xAF), FuzzInputs.bytes('{', '"', 'a', '"', ':', 0xE2, 0x82, '}'))) {
			expectClose(path, "ws-invalid-utf8", List.of(1007), (ws) -> ws.send(RawWebSocket.TEXT, bad), 1);
		}
		expectClose(path, "ws-invalid-utf8", List.of(1007), (ws) -> {
			ws.sendFrame(false, 0, RawWebSocket.TEXT, true, FuzzInputs.bytes('a', 0xC3));
			ws.sendFrame(true, 0, RawWebSocket.CONTINUATION, true, FuzzInputs.bytes(0x28));
		}, 2);
		// Too big: 1009, including 16 MB frames and a message over the limit in
		// fragments.
		expectClose(path, "ws-too-big", List.of(1009),
				(ws) -> ws.sendLargeFrameAsync(RawWebSocket.TEXT, 16L * 1024 * 1024, (byte) 'a'), 1);
		expectClose(path, "ws-too-big", List.of(1009),
				(ws) -> ws.sendLargeFrameAsync(RawWebSocket.BINARY, 16L * 1024 * 1024, (byte) 0), 1);
		expectClose(path, "ws-too-big", List.of(1009),
				(ws) -> ws.sendLargeFrameAsync(RawWebSocket.TEXT, 64 * 1024 + 1, (byte) 'a'), 1);
		expectClose(path, "ws-too-big", List.of(1009), (ws) -> {
			byte[] part = new byte[30 * 1024];
			Arrays.fill(part, (byte) 'a');
			ws.sendFrame(false, 0, RawWebSocket.TEXT, true, part);
			ws.sendFrame(false, 0, RawWebSocket.CONTINUATION, true, part);
			ws.sendFrame(true, 0, RawWebSocket.CONTINUATION, true, part);
		}, 3);
		expectClose(path, "ws-too-big", List.of(1009, 1002),
				(ws) -> ws.sendLargeFrameAsync(RawWebSocket.TEXT, Long.MAX_VALUE, 128 * 1024, (byte) 'a'), 1);
		// Protocol violations: 1002 (or another code that names the problem).
		expectClose(path, "ws-protocol", PROPER,
				(ws) -> ws.sendFrame(true, 0, RawWebSocket.TEXT, false, FuzzInputs.utf8("{}")), 1);
		expectClose(path, "ws-protocol", PROPER,
				(ws) -> ws.sendFrame(true, 4, RawWebSocket.TEXT, true, FuzzInputs.utf8("{}")), 1);
		expectClose(path, "ws-protocol", PROPER, (ws) -> ws.sendFrame(true, 1, RawWebSocket.BINARY, true, new byte[3]),
				1);
		expectClose(path, "ws-protocol", PROPER, (ws) -> ws.sendFrame(true, 0, 0x3, true, new byte[3]), 1);
		expectClose(path, "ws-protocol", PROPER, (ws) -> ws.sendFrame(true, 0, 0xB, true, new byte[3]), 1);
		expectClose(path, "ws-protocol", PROPER, (ws) -> ws.sendFrame(true, 0, RawWebSocket.PING, true, new byte[126]),
				1);
		expectClose(path, "ws-protocol", PROPER, (ws) -> ws.sendFrame(false, 0, RawWebSocket.PING, true, new byte[1]),
				1);
		expectClose(path, "ws-protocol", PROPER,
				(ws) -> ws.sendFrame(true, 0, RawWebSocket.CONTINUATION, true, FuzzInputs.utf8("x")), 1);
		expectClose(path, "ws-protocol", PROPER, (ws) -> {
			ws.sendFrame(false, 0, RawWebSocket.TEXT, true, FuzzInputs.utf8("{"));
			ws.sendFrame(true, 0, RawWebSocket.TEXT, true, FuzzInputs.utf8("{}"));
		}, 2);
		for (byte[] close : List.of(FuzzInputs.bytes(0x03, 0xE7), FuzzInputs.bytes(0x03, 0xED),
				FuzzInputs.bytes(0x13, 0x88), FuzzInputs.bytes(0x03), FuzzInputs.bytes(0x03, 0xE8, 0xC3, 0x28))) {
			expectClose(path, "ws-protocol", PROPER, (ws) -> ws.send(RawWebSocket.CLOSE, close), 1);
		}
		// A normal close is answered in kind.
		expectClose(path, "ws-close", List.of(1000), (ws) -> ws.send(RawWebSocket.CLOSE, FuzzInputs.bytes(0x03, 0xE8)),
				1);
		// Floods of data messages: the rate limit closes with 1008.
		for (int opcode : List.of(RawWebSocket.TEXT, RawWebSocket.BINARY)) {
			expectClose(path, "ws-flood", List.of(1008), (ws) -> {
				for (int i = 0; i < 100; i++) {
					ws.send(opcode, FuzzInputs.utf8("{\"level\":\"error\"}"));
				}
			}, 100);
		}
		// Malformed control messages and binary frames: answered (or ignored), never
		// fatal.
		List<String> messages = controlMessages();
		for (int i = 0; i < messages.size(); i += 4) {
			List<String> batch = messages.subList(i, Math.min(messages.size(), i + 4));
			expectAlive(path, "ws-json", (ws) -> {
				for (String message : batch) {
					ws.sendText(message);
				}
			}, batch.size());
		}
		for (int i = 0; i < 5; i++) {
			expectAlive(path, "ws-binary", (ws) -> {
				for (int j = 0; j < 4; j++) {
					byte[] bytes = new byte[this.random.nextInt(2000)];
					this.random.nextBytes(bytes);
					ws.send(RawWebSocket.BINARY, bytes);
				}
			}, 4);
		}
		// Control frame floods are answered by the container, not counted as
		// messages: the stream survives.
		expectAlive(path, "ws-ping-flood", (ws) -> {
			for (int i = 0; i < 300; i++) {
				ws.send(RawWebSocket.PING, FuzzInputs.utf8("p" + i));
			}
		}, 300);
		expectAlive(path, "ws-pong-flood", (ws) -> {
			for (int i = 0; i < 100; i++) {
				ws.send(RawWebSocket.PONG, new byte[0]);
			}
		}, 100);
	}

	private List<String> controlMessages() {
		List<String> messages = new ArrayList<>(List.of("", " ", "{", "}", "[", "nul", "null", "true", "1", "\"s\"",
				"[]", "{}", "{\"level\":", "{\"level\":5}", "{\"level\":[\"error\"]}", "{\"level\":{\"x\":1}}",
				"{\"level\":null}", "{\"search\":{\"x\":1}}", "{\"search\":[1,2]}", "{\"search\":1e999}",
				"{\"search\":\"" + "x".repeat(60_000) + "\"}", "{\"level\":\"" + "e".repeat(10_000) + "\"}",
				"{\"level\":\"error\",\"unknown\":{\"a\":[1]}}", "{\"level\":\"\\u0000\"}", "{\"search\":\"\\ud800\"}",
				"[".repeat(30_000), "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000), "9".repeat(5000),
				"{\"level\":\"error\",\"level\":\"warn\"}", "{'level':'error'}", "{level:error}",
				"{\"level\":\"error\",}", "\uFEFF{\"level\":\"error\"}", "{\"type\":\"reset\"}",
				"{\"type\":\"filters\",\"level\":1}", "{\"since\":\"-1\"}", "{\"level\":\"<script>\"}",
				"{\"search\":\"' OR 1=1 --\"}", "{\"level\":\"error\"}garbage", "\"\\x41\""));
		for (int i = 0; i < 20; i++) {
			byte[] bytes = new byte[1 + this.random.nextInt(200)];
			for (int j = 0; j < bytes.length; j++) {
				bytes[j] = (byte) (0x20 + this.random.nextInt(0x5F));
			}
			messages.add(new String(bytes, StandardCharsets.US_ASCII));
		}
		return messages;
	}

	private void expectClose(String path, String category, List<Integer> expected, Sender sender, int inputs)
			throws Exception {
		int number = ++this.caseNumber;
		try (RawWebSocket ws = open(path)) {
			try {
				sender.send(ws);
			}
			catch (IOException ex) {
				// The server closed while we were still sending: its close frame says
				// why.
			}
			List<String> texts = new ArrayList<>();
			int code = ws.awaitClose(WAIT, texts);
			this.tally.closeCodes.computeIfAbsent(code, (k) -> new AtomicInteger()).incrementAndGet();
			if (code == RawWebSocket.NO_CLOSE_FRAME && (category.equals("ws-protocol")
					|| category.equals("ws-invalid-utf8") || category.equals("ws-too-big"))) {
				// Tomcat sends its close frame and drops the socket at once; with our
				// frames still unread
				// (or an oversized one still being sent), the reset can overtake the
				// close frame. Counted
				// and reported, the server checked after.
				this.tally.dropped.incrementAndGet();
			}
			else if (!expected.contains(code)) {
				this.tally.fail("WS " + path + " [" + category + " case " + number + "] -> close code " + code
						+ ", expected one of " + expected);
			}
			checkTexts(path, category, texts);
		}
		this.tally.webSocket(category, inputs);
	}

	private void expectAlive(String path, String category, Sender sender, int inputs) throws Exception {
		int number = ++this.caseNumber;
		try (RawWebSocket ws = open(path)) {
			sender.send(ws);
			List<String> texts = new ArrayList<>();
			int code = RawWebSocket.ALIVE;
			if (path.equals("/api/admin/logs/stream")) {
				// The log stream answers filter messages on its delivery thread,
				// possibly after a pong has
				// left: the acknowledgement of one more filter shows every earlier
				// answer was written.
				ws.sendText("{\"search\":\"fuzz-sync\"}");
				code = ws.awaitText(WAIT, (text) -> text.contains("\"search\":\"fuzz-sync\""), texts);
			}
			if (code == RawWebSocket.ALIVE) {
				code = ws.pingPong(WAIT, texts);
			}
			if (code != RawWebSocket.ALIVE) {
				this.tally.closeCodes.computeIfAbsent(code, (k) -> new AtomicInteger()).incrementAndGet();
				if (!PROPER.contains(code)) {
					this.tally.fail("WS " + path + " [" + category + " case " + number + "] -> neither alive nor closed"
							+ " with a proper code: "
							+ ((code == RawWebSocket.STILL_OPEN) ? "no pong within " + WAIT : code));
				}
			}
			checkTexts(path, category, texts);
		}
		this.tally.webSocket(category, inputs);
	}

	private void checkTexts(String path, String category, List<String> texts) {
		for (String text : texts) {
			String leak = this.verdicts.leak(text);
			if (leak != null && !text.startsWith("{\"type\":\"log\"")) {
				this.tally.fail("WS " + path + " [" + category + "] -> frame shows \"" + leak + "\": "
						+ Verdicts.abbreviate(text, 200));
			}
		}
	}

	private RawWebSocket open(String path) throws Exception {
		RawWebSocket ws = RawWebSocket.connect(this.port, path, List.<String[]>of(this.credential));
		assertThat(ws.status()).as("upgrade of %s", path).isEqualTo(101);
		return ws;
	}

	private String[] h(String name, String value) {
		return new String[] { name, value };
	}

	private String describe(List<String[]> headers) {
		StringBuilder text = new StringBuilder();
		for (String[] header : headers) {
			text.append(" | ")
				.append(header[0])
				.append(": ")
				.append((header[1] != null) ? Verdicts.abbreviate(header[1], 60) : "<none>");
		}
		return text.toString();
	}

	private Map<String, List<String>> headersOf(String head) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String line : head.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(), (k) -> new ArrayList<>())
					.add(line.substring(colon + 1).trim());
			}
		}
		return headers;
	}

	@FunctionalInterface
	interface Sender {

		void send(RawWebSocket ws) throws Exception;

	}

}
