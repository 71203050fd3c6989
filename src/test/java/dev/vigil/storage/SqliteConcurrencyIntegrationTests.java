package dev.vigil.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fifty concurrent writers against one SQLite file through the real API: logins (session
 * inserts + audit), admin updates (row update + audit) and profile updates. No request
 * may fail.
 */
@VigilIntegrationTest
class SqliteConcurrencyIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	StorageProvider jobs;

	@Test
	void fiftyConcurrentWritersNeverSurfaceAnError() throws Exception {
		VigilClient root = VigilClient.root(this.port);
		List<Long> targets = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			targets.add(root.addAdmin("viewer"));
		}
		long auditBefore = root.get("/api/admin/audit?limit=1").json().get("total").asLong();

		int writers = 50;
		int rounds = 6;
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		List<Future<List<Integer>>> results = new ArrayList<>();
		for (int w = 0; w < writers; w++) {
			int writer = w;
			Callable<List<Integer>> task = () -> {
				List<Integer> statuses = new ArrayList<>();
				VigilClient client = new VigilClient(this.port);
				statuses.add(client.login(VigilClient.ROOT_EMAIL, VigilClient.ROOT_PASSWORD).status());
				for (int r = 0; r < rounds; r++) {
					long target = targets.get((writer + r) % targets.size());
					statuses.add(switch (r % 3) {
						case 0 ->
							client.put("/api/admin/admins/" + target, Map.of("name", "w" + writer + "r" + r)).status();
						case 1 -> client.put("/api/admin/profile", Map.of("name", "Root")).status();
						default -> new VigilClient(this.port).login(VigilClient.ROOT_EMAIL, VigilClient.ROOT_PASSWORD)
							.status();
					});
				}
				return statuses;
			};
			results.add(pool.submit(task));
		}
		List<Integer> statuses = new ArrayList<>();
		for (Future<List<Integer>> result : results) {
			statuses.addAll(result.get());
		}
		pool.shutdown();

		assertThat(statuses).hasSize(writers * (rounds + 1)).containsOnly(200);
		long auditAfter = root.get("/api/admin/audit?limit=1").json().get("total").asLong();
		// Every login, admin update and profile update wrote its audit row.
		assertThat(auditAfter - auditBefore).isGreaterThanOrEqualTo((long) writers * (rounds + 1));
	}

	/** How long the mixed load below runs. */
	private static final Duration CONTENTION = Duration.ofSeconds(5);

	/**
	 * Every kind of write the server makes, all at once from 32 threads for a few
	 * seconds: notification sends (row + audit), job enqueues (JobRunr's tables + audit),
	 * admin creates and updates (row + audit), logins (session + audit) and token
	 * refreshes (session rotation). Every response is the expected 2xx, and afterwards
	 * the rows add up exactly: one admin does all of it, so its audit rows, sessions and
	 * the target's notifications count what the clients were told succeeded.
	 */
	@Test
	void notificationsJobsAuditAndSessionsWrittenConcurrentlyAtHighRateSurfaceNoError() throws Exception {
		VigilClient root = VigilClient.root(this.port);
		String email = VigilClient.uniqueEmail();
		root.post("/api/admin/admins", Map.of("email", email, "password", "password-123", "role", "superadmin"))
			.assertStatus(201);
		VigilClient target = VigilClient.withNewAdmin(this.port, "viewer");
		long targetId = target.adminId();

		Map<String, AtomicInteger> ops = new ConcurrentHashMap<>();
		for (String kind : List.of("send", "enqueue", "admin.create", "admin.update", "login", "refresh")) {
			ops.put(kind, new AtomicInteger());
		}
		List<String> errors = new CopyOnWriteArrayList<>();
		List<String> jobIds = new CopyOnWriteArrayList<>();
		int perKind = 8;
		ExecutorService pool = Executors.newFixedThreadPool(perKind * 4);
		// Everyone logs in first (password hashing is slow on purpose), then the clock
		// starts for all.
		CyclicBarrier ready = new CyclicBarrier(perKind * 4);
		AtomicLong started = new AtomicLong();
		List<Future<?>> running = new ArrayList<>();
		for (int t = 0; t < perKind * 4; t++) {
			int kind = t % 4;
			running.add(pool.submit(() -> {
				VigilClient me = login(email, ops, errors);
				ready.await(1, TimeUnit.MINUTES);
				started.compareAndSet(0, System.nanoTime());
				long end = started.get() + CONTENTION.toNanos();
				for (int i = 0; System.nanoTime() < end; i++) {
					switch (kind) {
						case 0 -> expect(
								me.post("/api/admin/notifications/send",
										Map.of("admin_id", targetId, "type", "info", "title", "contention " + i)),
								201, "send", ops, errors);
						case 1 -> {
							VigilClient.Response queued = me.post("/api/admin/queue/exports/audit", null);
							if (expect(queued, 202, "enqueue", ops, errors)) {
								jobIds.add(queued.json().get("job_id").asString());
							}
						}
						case 2 -> {
							if (i % 10 == 0) {
								expect(me.post("/api/admin/admins", Map.of("email", VigilClient.uniqueEmail(),
										"password", "password-123", "role", "viewer")), 201, "admin.create", ops,
										errors);
							}
							else {
								expect(me.put("/api/admin/admins/" + targetId, Map.of("name", "n" + UUID.randomUUID())),
										200, "admin.update", ops, errors);
							}
						}
						default -> {
							if (i % 10 == 9) {
								me = login(email, ops, errors);
							}
							else {
								expect(me.get("/api/admin/auth"), 200, "refresh", ops, errors);
							}
						}
					}
				}
				return null;
			}));
		}
		for (Future<?> future : running) {
			future.get();
		}
		pool.shutdown();
		double seconds = (System.nanoTime() - started.get()) / 1e9;
		System.out.printf("sqlite contention: %s, errors %d, %.1f s%n", ops, errors.size(), seconds);

		assertThat(errors).as("responses other than the expected 2xx").isEmpty();
		VigilClient me = login(email, ops, errors);
		long myId = me.adminId();
		assertThat(target.get("/api/admin/notifications?limit=1").assertStatus(200).json().get("total").asLong())
			.as("notifications of the target")
			.isEqualTo(ops.get("send").get());
		assertThat(auditCount(me, myId, "notification.send")).isEqualTo(ops.get("send").get());
		assertThat(auditCount(me, myId, "audit.export")).isEqualTo(ops.get("enqueue").get());
		assertThat(auditCount(me, myId, "admin.create")).isEqualTo(ops.get("admin.create").get());
		assertThat(auditCount(me, myId, "admin.update")).isEqualTo(ops.get("admin.update").get());
		assertThat(auditCount(me, myId, "auth.login")).isEqualTo(ops.get("login").get());
		assertThat(auditCount(me, myId, null)).as("all audit rows of this admin")
			.isEqualTo(ops.get("send").get() + ops.get("enqueue").get() + ops.get("admin.create").get()
					+ ops.get("admin.update").get() + ops.get("login").get());
		// Refreshes rotate the token in place: still one session per login, none revoked
		// by a lost rotation.
		assertThat(me.get("/api/admin/sessions?admin_id=" + myId + "&limit=1")
			.assertStatus(200)
			.json()
			.get("total")
			.asLong()).as("sessions of this admin").isEqualTo(ops.get("login").get());
		Set<String> distinct = new HashSet<>(jobIds);
		assertThat(distinct).hasSize(ops.get("enqueue").get());
		for (String id : distinct) {
			assertThat(this.jobs.getJobById(UUID.fromString(id))).as("job %s", id).isNotNull();
		}
		for (String kind : List.of("send", "enqueue", "admin.create", "admin.update", "login", "refresh")) {
			assertThat(ops.get(kind).get()).as("%s operations", kind).isPositive();
		}
	}

	private static long auditCount(VigilClient client, long adminId, String action) {
		String query = "/api/admin/audit?limit=1&admin_id=" + adminId + ((action != null) ? "&action=" + action : "");
		return client.get(query).assertStatus(200).json().get("total").asLong();
	}

	private VigilClient login(String email, Map<String, AtomicInteger> ops, List<String> errors) {
		VigilClient client = new VigilClient(this.port);
		expect(client.login(email, "password-123"), 200, "login", ops, errors);
		return client;
	}

	/**
	 * Counts a response of the expected status, or records it as an error; true when
	 * expected.
	 */
	private static boolean expect(VigilClient.Response response, int status, String kind,
			Map<String, AtomicInteger> ops, List<String> errors) {
		if (response.status() != status) {
			errors.add(kind + ": " + response.status() + " " + response.body());
			return false;
		}
		ops.get(kind).incrementAndGet();
		return true;
	}

}
