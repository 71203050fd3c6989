package dev.vigil.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.support.SseClient;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;
import dev.vigil.support.WsClient;
import dev.vigil.support.TestThreads;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whichever way a session ends — logout, revocation by another admin, replay of a rotated
 * refresh token — every stream it opened, over SSE and WebSocket, on every stream path,
 * ends at once: SSE completes, WebSocket closes with 1008 (policy). The same admin's
 * other session keeps streaming, and the dead session can open nothing new.
 */
@VigilIntegrationTest
class RevokedSessionStreamsIntegrationTests {

	static final List<String> STREAMS = List.of("/api/admin/notifications/stream", "/api/admin/logs/stream",
			"/api/admin/dashboard/stream");

	static final List<String> SSE_ONLY = List.of("/api/admin/notifications/sse", "/api/admin/logs/sse");

	/**
	 * Generous for a loaded CI machine; the figures printed show how long it really took.
	 */
	static final Duration CLOSE_WITHIN = Duration.ofSeconds(15);

	@LocalServerPort
	int port;

	enum Ending {

		LOGOUT, ADMIN_REVOCATION, REFRESH_TOKEN_REUSE

	}

	@ParameterizedTest
	@EnumSource(Ending.class)
	void everyStreamOfTheEndedSessionClosesAndNoOtherDoes(Ending ending) {
		String email = VigilClient.createAdmin(this.port, "viewer");
		VigilClient root = VigilClient.root(this.port);
		VigilClient tab = login(email);
		VigilClient otherSession = login(email);
		String stolen = tab.cookie("refresh_token");
		if (ending == Ending.REFRESH_TOKEN_REUSE) {
			// The streams below use the newest tokens: reuse of the old one must still
			// end them.
			tab.get("/api/admin/auth").assertStatus(200);
			assertThat(tab.cookie("refresh_token")).isNotEqualTo(stolen);
		}
		String sessionId = tab.currentSessionId();

		Map<String, SseClient> sse = new LinkedHashMap<>();
		Map<String, WsClient> ws = new LinkedHashMap<>();
		WsClient control = null;
		try {
			for (String path : STREAMS) {
				sse.put(path, SseClient.open(tab, path));
				ws.put(path, WsClient.connect(tab, path));
			}
			for (String path : SSE_ONLY) {
				sse.put(path, SseClient.open(tab, path));
			}
			sse.forEach((path, client) -> assertThat(client.status()).as("SSE %s", path).isEqualTo(200));
			control = WsClient.connect(otherSession, STREAMS.get(0));
			assertThat(control.next().get("type").asString()).isEqualTo("unread_count");

			long ended = System.nanoTime();
			switch (ending) {
				case LOGOUT -> tab.post("/api/admin/auth/logout", null).assertStatus(200);
				case ADMIN_REVOCATION -> root.delete("/api/admin/sessions/" + sessionId).assertStatus(200);
				case REFRESH_TOKEN_REUSE -> {
					VigilClient thief = new VigilClient(this.port);
					thief.setCookie("refresh_token", stolen, "/api/admin/auth");
					thief.get("/api/admin/auth").assertProblem(401, "session revoked");
				}
			}
			Map<String, Long> closedAfterMillis = awaitAllClosed(sse, ws, ended);
			ws.forEach((path, client) -> assertThat(client.closeCode(Duration.ZERO)).as("close code of WS %s", path)
				.isEqualTo(1008));
			System.out.printf("streams closed after %s: %s (ms after the ending request started)%n", ending,
					closedAfterMillis);

			// The other session of the same admin is untouched and still gets live
			// events.
			assertThat(control.isClosed()).isFalse();
			long adminId = otherSession.adminId();
			long sent = root
				.post("/api/admin/notifications/send",
						Map.of("admin_id", adminId, "type", "info", "title", "still here"))
				.assertStatus(201)
				.json()
				.get("id")
				.asLong();
			JsonNode frame = control.next();
			while (!frame.get("type").asString().equals("notification")) {
				frame = control.next();
			}
			assertThat(frame.get("id").asLong()).isEqualTo(sent);

			// The ended session opens nothing new, with the newest tokens it was given.
			String expected = (ending == Ending.LOGOUT) ? "authentication required" : "session revoked";
			for (String path : STREAMS) {
				tab.send("GET", path, null, Map.of("Accept", "text/event-stream")).assertProblem(401, expected);
				assertThat(WsClient.refusedStatus(tab, path, Map.of())).isEqualTo(401);
			}
		}
		finally {
			sse.values().forEach(SseClient::close);
			ws.values().forEach(WsClient::close);
			if (control != null) {
				control.close();
			}
		}
	}

	/**
	 * Polls every connection until all have ended; when each was seen ending, in ms after
	 * {@code since}.
	 */
	private static Map<String, Long> awaitAllClosed(Map<String, SseClient> sse, Map<String, WsClient> ws, long since) {
		Map<String, Long> closed = new LinkedHashMap<>();
		long deadline = since + CLOSE_WITHIN.toNanos();
		while (closed.size() < sse.size() + ws.size() && System.nanoTime() < deadline) {
			sse.forEach((path, client) -> {
				if (!closed.containsKey("SSE " + path)) {
					SseClient.Event event;
					while ((event = client.next(Duration.ZERO)) != null) {
						if (event.name().equals(SseClient.END)) {
							closed.put("SSE " + path, (event.receivedNanos() - since) / 1_000_000);
							break;
						}
					}
				}
			});
			ws.forEach((path, client) -> {
				if (!closed.containsKey("WS " + path) && client.isClosed()) {
					closed.put("WS " + path, (System.nanoTime() - since) / 1_000_000);
				}
			});
			TestThreads.pause(5);
		}
		List<String> open = new ArrayList<>();
		sse.keySet().stream().map((p) -> "SSE " + p).filter((k) -> !closed.containsKey(k)).forEach(open::add);
		ws.keySet().stream().map((p) -> "WS " + p).filter((k) -> !closed.containsKey(k)).forEach(open::add);
		assertThat(open).as("streams still open %s after the session ended", CLOSE_WITHIN).isEmpty();
		return closed;
	}

	private VigilClient login(String email) {
		return VigilClient.loggedIn(this.port, email);
	}

}
