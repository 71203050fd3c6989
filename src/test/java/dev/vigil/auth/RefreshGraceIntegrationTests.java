package dev.vigil.auth;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;
import dev.vigil.support.TestThreads;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refresh token just rotated away is still accepted for a short grace (two tabs
 * refreshing at once without Web Locks, a response lost after the rotation) and answered
 * with the same new token; presented after the grace, it is reuse and ends the session.
 */
@VigilIntegrationTest
@TestPropertySource(properties = "vigil.auth.refresh-grace=2s")
class RefreshGraceIntegrationTests {

	@LocalServerPort
	int port;

	@RegisterExtension
	final TestThreads threads = new TestThreads();

	@Test
	void aTabStillHoldingTheJustRotatedTokenGetsTheSameNewOne() {
		VigilClient first = VigilClient.root(this.port);
		String old = first.cookie("refresh_token");
		first.get("/api/admin/auth").assertStatus(200);
		String rotated = first.cookie("refresh_token");
		assertThat(rotated).isNotEqualTo(old);

		// The other tab's refresh left with the old cookie (or the first answer was lost
		// and is retried).
		VigilClient second = new VigilClient(this.port);
		second.setCookie("refresh_token", old, "/api/admin/auth");
		second.get("/api/admin/auth").assertStatus(200);
		assertThat(second.cookie("refresh_token")).isEqualTo(rotated);
		second.get("/api/admin/profile").assertStatus(200);
		first.get("/api/admin/profile").assertStatus(200);

		// The session goes on: the shared new token rotates as usual.
		first.get("/api/admin/auth").assertStatus(200);
		assertThat(first.cookie("refresh_token")).isNotEqualTo(rotated);
		first.get("/api/admin/profile").assertStatus(200);
	}

	@Test
	void tabsRefreshingAtTheSameMomentAllStaySignedIn() {
		for (int round = 0; round < 5; round++) {
			String token = VigilClient.root(this.port).cookie("refresh_token");
			List<VigilClient> tabs = IntStream.range(0, 4).mapToObj((i) -> {
				VigilClient tab = new VigilClient(this.port);
				tab.setCookie("refresh_token", token, "/api/admin/auth");
				return tab;
			}).toList();
			List<CompletableFuture<VigilClient.Response>> refreshes = tabs.stream()
				.map((tab) -> CompletableFuture.supplyAsync(() -> tab.get("/api/admin/auth"), this.threads))
				.toList();
			refreshes.forEach((refresh) -> refresh.join().assertStatus(200));
			assertThat(tabs.stream().map((tab) -> tab.cookie("refresh_token")).distinct()).hasSize(1);
			tabs.forEach((tab) -> tab.get("/api/admin/profile").assertStatus(200));
		}
	}

	@Test
	void aReplayAfterTheGraceRevokesTheSession() throws InterruptedException {
		VigilClient client = VigilClient.root(this.port);
		String old = client.cookie("refresh_token");
		client.get("/api/admin/auth").assertStatus(200);
		Thread.sleep(2_500);

		VigilClient thief = new VigilClient(this.port);
		thief.setCookie("refresh_token", old, "/api/admin/auth");
		thief.get("/api/admin/auth").assertProblem(401, "session revoked");
		client.get("/api/admin/profile").assertProblem(401, "session revoked");
		client.get("/api/admin/auth").assertProblem(401, "session revoked");
	}

	/**
	 * A token two rotations old is no longer the one just rotated away, however soon it
	 * comes back.
	 */
	@Test
	void anOlderTokenIsReuseEvenWithinTheGrace() {
		VigilClient client = VigilClient.root(this.port);
		String oldest = client.cookie("refresh_token");
		client.get("/api/admin/auth").assertStatus(200);
		client.get("/api/admin/auth").assertStatus(200);

		VigilClient thief = new VigilClient(this.port);
		thief.setCookie("refresh_token", oldest, "/api/admin/auth");
		thief.get("/api/admin/auth").assertStatus(401);
		assertThat(thief.cookie("refresh_token")).isNull();
	}

}
