package dev.vigil.cluster;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.vigil.support.RawWebSocket;
import dev.vigil.support.SseClient;
import dev.vigil.support.VigilClient;
import dev.vigil.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the packaged jar behind nginx ({@code docs/nginx/vigil.conf}) on
 * PostgreSQL and Redis ({@link JarCluster}): what happens on one instance reaches the
 * browser tabs connected to the other. Every request goes through nginx, which alternates
 * between the instances (one worker, round robin); which instance served each stream and
 * each request is read back from nginx's access log, so each test shows that both
 * instances were involved rather than assuming it.
 */
class ClusterIntegrationTests {

	private static final String CLIENT_ADDRESS = "127.0.0.2";

	static JarCluster cluster;

	@BeforeAll
	static void startCluster() throws Exception {
		cluster = JarCluster.start(Path.of("target", "cluster-it", "main-" + UUID.randomUUID()).toAbsolutePath(),
				List.of());
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void aTabOnEitherInstanceGetsEveryNotificationSentThroughEitherOverSseAndWebSocket() {
		VigilClient root = cluster.root();
		VigilClient recipient = VigilClient.loggedIn(cluster.nginx.port(), createViewer(root));
		long recipientId = recipient.adminId();
		List<ResumingStream> streams = new ArrayList<>();
		Set<Long> sent = new TreeSet<>();
		String marker = "m" + UUID.randomUUID().toString().substring(0, 8);
		try {
			// Opened one after the other, nothing in between: nginx puts them on
			// alternate instances.
			streams.add(ResumingStream.open("sse-1", recipient, true));
			streams.add(ResumingStream.open("sse-2", recipient, true));
			streams.add(ResumingStream.open("ws-1", recipient, false));
			streams.add(ResumingStream.open("ws-2", recipient, false));
			for (int i = 0; i < 10; i++) {
				sent.add(send(root, recipientId, marker + " " + i));
			}
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> streams.forEach((stream) -> assertThat(stream.distinct()).as(stream.label)
					.containsExactlyInAnyOrderElementsOf(sent)));
		}
		finally {
			streams.forEach(ResumingStream::close);
		}
		for (ResumingStream stream : streams) {
			assertThat(stream.duplicates()).as("%s: repeated notifications", stream.label).isZero();
			assertThat(stream.reconnects()).as("%s: reconnects", stream.label).isEmpty();
		}
		List<String> sse = List.of(only(streams.get(0)), only(streams.get(1)));
		List<String> ws = List.of(only(streams.get(2)), only(streams.get(3)));
		assertThat(sse).as("instances of the SSE streams").containsExactlyInAnyOrder("a", "b");
		assertThat(ws).as("instances of the WebSocket streams").containsExactlyInAnyOrder("a", "b");
		List<String> senders = cluster.servedBy("POST", "/api/admin/notifications/send", 10);
		assertThat(senders.subList(senders.size() - 10, senders.size())).as("instances that took the sends")
			.contains("a", "b");
		System.out.printf("[cluster] SSE tabs on %s, WebSocket tabs on %s, sends through both: each tab got all %d"
				+ " sends once%n", sse, ws, sent.size());
	}

	@Test
	void readingOrDeletingOnOneInstanceUpdatesTheTabsOnTheOther() {
		VigilClient root = cluster.root();
		VigilClient recipient = VigilClient.loggedIn(cluster.nginx.port(), createViewer(root));
		long recipientId = recipient.adminId();
		long first = send(root, recipientId, "to read");
		long second = send(root, recipientId, "to delete");
		String sseTab = "read-sse-" + UUID.randomUUID();
		String wsTab = "read-ws-" + UUID.randomUUID();
		try (SseClient sse = SseClient.open(recipient, JarCluster.STREAM + "?tab=" + sseTab);
				WsClient ws = WsClient.connect(recipient, JarCluster.STREAM + "?tab=" + wsTab)) {
			assertThat(nextOf(sse).get("unread_count").asInt()).isEqualTo(2);
			assertThat(nextOf(ws).get("unread_count").asInt()).isEqualTo(2);
			recipient.post("/api/admin/notifications/" + first + "/read", Map.of()).assertStatus(200);
			for (JsonNode read : List.of(nextOf(sse), nextOf(ws))) {
				assertThat(read.get("type").asString()).isEqualTo("read");
				assertThat(read.get("ids").get(0).asLong()).isEqualTo(first);
				assertThat(read.get("unread_count").asInt()).isEqualTo(1);
			}
			recipient.delete("/api/admin/notifications/" + second).assertStatus(200);
			for (JsonNode deleted : List.of(nextOf(sse), nextOf(ws))) {
				assertThat(deleted.get("type").asString()).isEqualTo("deleted");
				assertThat(deleted.get("ids").get(0).asLong()).isEqualTo(second);
				assertThat(deleted.get("unread_count").asInt()).isZero();
			}
		}
		List<String> tabs = List.of(cluster.servedBy("GET", sseTab, 1).get(0),
				cluster.servedBy("GET", wsTab, 1).get(0));
		assertThat(tabs).as("instances of the SSE tab and the WebSocket tab").containsExactlyInAnyOrder("a", "b");
		System.out.printf("[cluster] tabs on %s; read on %s, deleted on %s: both tabs updated%n", tabs,
				cluster.servedBy("POST", "/" + first + "/read", 1), cluster.servedBy("DELETE", "/" + second, 1));
	}

	@Test
	void revokingASessionOnOneInstanceClosesItsStreamsOnBothWithinTwoSeconds() {
		VigilClient root = cluster.root();
		VigilClient viewer = VigilClient.loggedIn(cluster.nginx.port(), createViewer(root));
		String session = viewer.currentSessionId();
		String tab = "revoked-" + UUID.randomUUID();
		List<SseClient> sse = new ArrayList<>();
		List<WsClient> ws = new ArrayList<>();
		try {
			sse.add(SseClient.open(viewer, JarCluster.STREAM + "?tab=" + tab));
			sse.add(SseClient.open(viewer, JarCluster.STREAM + "?tab=" + tab));
			ws.add(WsClient.connect(viewer, JarCluster.STREAM + "?tab=" + tab));
			ws.add(WsClient.connect(viewer, JarCluster.STREAM + "?tab=" + tab));
			sse.forEach((stream) -> assertThat(nextOf(stream).get("type").asString()).isEqualTo("unread_count"));
			ws.forEach((stream) -> assertThat(nextOf(stream).get("type").asString()).isEqualTo("unread_count"));

			long revoked = System.nanoTime();
			root.delete("/api/admin/sessions/" + session).assertStatus(200);
			List<Long> closedAfter = new ArrayList<>();
			for (SseClient stream : sse) {
				SseClient.Event end = awaitEnd(stream, revoked + Duration.ofSeconds(2).toNanos());
				assertThat(end).as("SSE stream ended within 2 s of the revocation\n" + cluster.tails()).isNotNull();
				closedAfter.add((end.receivedNanos() - revoked) / 1_000_000);
			}
			for (WsClient stream : ws) {
				long left = Math.max(1, revoked + Duration.ofSeconds(2).toNanos() - System.nanoTime());
				stream.closeCode(Duration.ofNanos(left));
				closedAfter.add((System.nanoTime() - revoked) / 1_000_000);
			}
			List<String> streams = cluster.servedBy("GET", tab, 4);
			assertThat(streams).as("instances holding the revoked session's streams").contains("a", "b");
			System.out.printf("[cluster] session revoked on %s; its streams on %s closed after %s ms%n",
					cluster.servedBy("DELETE", "/api/admin/sessions/" + session, 1), streams, closedAfter);
			assertThat(viewer.get("/api/admin/profile").status()).as("the revoked session's requests").isEqualTo(401);
		}
		finally {
			sse.forEach(SseClient::close);
			ws.forEach(WsClient::close);
		}
	}

	/**
	 * What the instances learn through nginx: the client's address is the one nginx saw
	 * (what the client wrote into {@code X-Forwarded-For} itself is ignored), and a
	 * browser's WebSocket handshake from the page's own origin is same-origin (nginx
	 * passes the Host with its port), while one from another site is refused.
	 */
	@Test
	void theInstancesSeeTheClientAddressNginxSawAndTheBrowsersOrigin() throws Exception {
		VigilClient root = cluster.root();
		String email = createViewer(root);
		// From a second loopback address, so that the client is told apart from nginx's
		// own connections to the instances (127.0.0.1) by the address they record.
		String body = "{\"email\":\"" + email + "\",\"password\":\"" + VigilClient.ADMIN_PASSWORD + "\"}";
		String login = "POST /api/admin/auth/login HTTP/1.1\r\nHost: localhost:" + cluster.nginx.port()
				+ "\r\nContent-Type: application/json\r\nX-Forwarded-For: 203.0.113.9\r\nContent-Length: "
				+ body.length() + "\r\nConnection: close\r\n\r\n" + body;
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(CLIENT_ADDRESS, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", cluster.nginx.port()), 5000);
			socket.setSoTimeout(30_000);
			socket.getOutputStream().write(login.getBytes(StandardCharsets.UTF_8));
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(answer).as("login from %s", CLIENT_ADDRESS).startsWith("HTTP/1.1 200");
		}
		JsonNode sessions = root.get("/api/admin/sessions?limit=100").assertStatus(200).json().get("sessions");
		List<String> addresses = new ArrayList<>();
		sessions.forEach((session) -> {
			if (session.get("email").asString().equals(email)) {
				addresses.add(session.get("ip").asString());
			}
		});
		assertThat(addresses).as("the address of the session signed in from %s", CLIENT_ADDRESS)
			.containsExactly(CLIENT_ADDRESS);

		VigilClient viewer = VigilClient.loggedIn(cluster.nginx.port(), email);
		String page = "http://localhost:" + cluster.nginx.port();
		for (int i = 0; i < 2; i++) {
			// Twice: once on each instance.
			assertThat(upgrade(viewer, page)).as("WebSocket handshake from the page's origin").isEqualTo(101);
			assertThat(upgrade(viewer, "https://evil.example")).as("from another site").isEqualTo(403);
		}
	}

	private static int upgrade(VigilClient client, String origin) throws Exception {
		List<String[]> headers = List.of(new String[] { "Origin", origin },
				new String[] { "Cookie", client.cookieHeader(JarCluster.STREAM) });
		try (RawWebSocket ws = RawWebSocket.connect(cluster.nginx.port(), JarCluster.STREAM, headers)) {
			return ws.status();
		}
	}

	static String createViewer(VigilClient root) {
		String email = VigilClient.uniqueEmail();
		root.post("/api/admin/admins", Map.of("email", email, "password", VigilClient.ADMIN_PASSWORD, "role", "viewer"))
			.assertStatus(201);
		return email;
	}

	static long send(VigilClient sender, long adminId, String title) {
		return sender.post("/api/admin/notifications/send", Map.of("admin_id", adminId, "title", title))
			.assertStatus(201)
			.json()
			.get("id")
			.asLong();
	}

	/** The one instance that served a tab that never reconnected. */
	private static String only(ResumingStream stream) {
		List<String> served = stream.servedBy(cluster);
		assertThat(served).as("connections of %s", stream.label).hasSize(1);
		return served.get(0);
	}

	/** The next event of a stream within 10 s, as JSON. */
	static JsonNode nextOf(SseClient sse) {
		SseClient.Event event = sse.next(Duration.ofSeconds(10));
		assertThat(event).as("an SSE event within 10 s").isNotNull();
		assertThat(event.name()).as("the SSE stream still open").isNotEqualTo(SseClient.END);
		return event.json();
	}

	static JsonNode nextOf(WsClient ws) {
		WsClient.Frame frame = ws.next(Duration.ofSeconds(10));
		assertThat(frame).as("a WebSocket frame within 10 s").isNotNull();
		return frame.json();
	}

	/**
	 * Reads until the stream's end, up to {@code deadline} (nanoTime); the end, or null.
	 */
	private static SseClient.Event awaitEnd(SseClient sse, long deadline) {
		while (System.nanoTime() < deadline) {
			SseClient.Event event = sse.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
			if (event != null && event.name().equals(SseClient.END)) {
				return event;
			}
		}
		return null;
	}

}
