package dev.vigil.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.TestPropertySource;

import dev.vigil.auth.SessionRevoked.Reason;
import dev.vigil.support.SseClient;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;
import dev.vigil.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live streams close on {@link SessionRevoked}: every way a session ends must publish it.
 */
@VigilIntegrationTest
@TestPropertySource(properties = "vigil.auth.refresh-token-ttl=3s")
@Import(SessionEventsIntegrationTests.Recorder.class)
class SessionEventsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	Recorder recorder;

	@Test
	void logoutRevocationReuseAndExpiryArePublished() throws Exception {
		VigilClient a = VigilClient.withNewAdmin(this.port, "viewer");
		String aSession = sessionOf(a);
		a.post("/api/admin/auth/logout", null).assertStatus(200);
		assertThat(next(aSession).reason()).isEqualTo(Reason.LOGOUT);

		VigilClient b = VigilClient.withNewAdmin(this.port, "viewer");
		String bSession = sessionOf(b);
		VigilClient.root(this.port).delete("/api/admin/sessions/" + bSession).assertStatus(200);
		assertThat(next(bSession).reason()).isEqualTo(Reason.REVOKED);

		VigilClient c = VigilClient.withNewAdmin(this.port, "viewer");
		String cSession = sessionOf(c);
		String stolen = c.cookie("refresh_token");
		c.get("/api/admin/auth").assertStatus(200);
		VigilClient thief = new VigilClient(this.port);
		thief.setCookie("refresh_token", stolen, "/api/admin/auth");
		thief.get("/api/admin/auth").assertStatus(401);
		assertThat(next(cSession).reason()).isEqualTo(Reason.TOKEN_REUSE);

		VigilClient d = VigilClient.withNewAdmin(this.port, "viewer");
		String dSession = sessionOf(d);
		SessionRevoked expired = next(dSession, Duration.ofSeconds(8));
		assertThat(expired.reason()).isEqualTo(Reason.EXPIRED);
		d.get("/api/admin/profile").assertStatus(401);
	}

	/**
	 * Sessions last 3 s here: streams opened at once must be closed by the expiry, not
	 * outlive it.
	 */
	@Test
	void anExpiringSessionsStreamsCloseWithIt() {
		String stream = "/api/admin/notifications/stream";
		for (int attempt = 1;; attempt++) {
			VigilClient client = VigilClient.withNewAdmin(this.port, "viewer");
			SseClient sse = SseClient.open(client, stream);
			WsClient ws = null;
			try {
				if (sse.status() != 200) {
					// On a very slow machine the 3 s may be over before the stream
					// opened: try again.
					assertThat(attempt).as("attempts to open a stream within the session's 3 s").isLessThan(3);
					continue;
				}
				ws = WsClient.connect(client, stream);
				assertThat(ws.closeCode(Duration.ofSeconds(15))).isEqualTo(1008);
				SseClient.Event event = sse.next(Duration.ofSeconds(15));
				while (event != null && !event.name().equals(SseClient.END)) {
					event = sse.next(Duration.ofSeconds(15));
				}
				assertThat(event).as("end of the SSE stream").isNotNull();
				assertThat(WsClient.refusedStatus(client, stream, Map.of())).isEqualTo(401);
				return;
			}
			catch (CompletionException ex) {
				// The upgrade was refused: the session ended before it, as above.
				assertThat(attempt).as("attempts to open a stream within the session's 3 s").isLessThan(3);
			}
			finally {
				sse.close();
				if (ws != null) {
					ws.close();
				}
			}
		}
	}

	private String sessionOf(VigilClient client) {
		return client.get("/api/admin/profile/sessions").json().get("sessions").get(0).get("id").asString();
	}

	private SessionRevoked next(String sessionId) throws InterruptedException {
		return next(sessionId, Duration.ofSeconds(2));
	}

	private SessionRevoked next(String sessionId, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			SessionRevoked event = this.recorder.events.poll(100, TimeUnit.MILLISECONDS);
			if (event != null && event.sessionId().equals(sessionId)) {
				return event;
			}
		}
		throw new AssertionError("no SessionRevoked for " + sessionId + " within " + timeout);
	}

	@TestConfiguration
	static class Recorder {

		final BlockingQueue<SessionRevoked> events = new LinkedBlockingQueue<>();

		@EventListener
		void on(SessionRevoked event) {
			this.events.add(event);
		}

	}

}
