package dev.vigil.admins;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;
import dev.vigil.support.TestThreads;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin's own password change races a superadmin's change to the same account. A
 * password change spends two bcrypt rounds between reading the account and writing it;
 * the superadmin's change is sent a quarter of the way into that window (measured first),
 * so it lands inside. Whatever the order, what the superadmin did must stand.
 */
@VigilIntegrationTest
class ConcurrentAdminUpdatesIntegrationTests {

	private static final int ROUNDS = 3;

	@LocalServerPort
	int port;

	@RegisterExtension
	final TestThreads threads = new TestThreads();

	/** A quarter of how long a password change takes on this machine. */
	private long delayMs;

	@BeforeEach
	void measurePasswordChange() {
		VigilClient admin = VigilClient.loggedIn(this.port, VigilClient.createAdmin(this.port, "viewer"));
		long started = System.nanoTime();
		changeOwnPassword(admin).assertStatus(200);
		this.delayMs = Math.max(5, (System.nanoTime() - started) / 4_000_000);
	}

	@Test
	void aDeactivationDuringAPasswordChangeStands() {
		race((root, id) -> root.put("/api/admin/admins/" + id, Map.of("is_active", false)).assertStatus(200),
				(root, id, email) -> {
					assertThat(root.get("/api/admin/admins/" + id).json().get("admin").get("is_active").asBoolean())
						.as("is_active")
						.isFalse();
					new VigilClient(this.port).login(email, "changed-password-1").assertStatus(401);
					new VigilClient(this.port).login(email, VigilClient.ADMIN_PASSWORD).assertStatus(401);
				});
	}

	@Test
	void aRoleChangeDuringAPasswordChangeStands() {
		race((root, id) -> root.put("/api/admin/admins/" + id, Map.of("role", "admin")).assertStatus(200), (root, id,
				email) -> assertThat(root.get("/api/admin/admins/" + id).json().get("admin").get("role").asString())
					.as("role")
					.isEqualTo("admin"));
	}

	@Test
	void aPasswordResetDuringAPasswordChangeStands() {
		race((root, id) -> root.put("/api/admin/admins/" + id, Map.of("password", "reset-by-root-1")).assertStatus(200),
				(root, id, email) -> new VigilClient(this.port).login(email, "reset-by-root-1").assertStatus(200));
	}

	private void race(BiConsumer<VigilClient, Long> superadminChange, Check check) {
		for (int i = 0; i < ROUNDS; i++) {
			VigilClient root = VigilClient.root(this.port);
			String email = VigilClient.createAdmin(this.port, "viewer");
			VigilClient admin = VigilClient.loggedIn(this.port, email);
			long id = admin.adminId();
			CompletableFuture<VigilClient.Response> change = CompletableFuture
				.supplyAsync(() -> changeOwnPassword(admin), this.threads);
			TestThreads.pause(this.delayMs);
			superadminChange.accept(root, id);
			int status = change.join().status();
			assertThat(status).as("password change status").isIn(200, 401, 409);
			check.verify(root, id, email);
		}
	}

	private static VigilClient.Response changeOwnPassword(VigilClient admin) {
		return admin.put("/api/admin/profile/password",
				Map.of("current_password", VigilClient.ADMIN_PASSWORD, "new_password", "changed-password-1"));
	}

	@FunctionalInterface
	private interface Check {

		void verify(VigilClient root, long id, String email);

	}

}
