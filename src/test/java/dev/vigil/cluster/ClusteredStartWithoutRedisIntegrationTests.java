package dev.vigil.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.vigil.support.TwoInstances;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A clustered instance whose Redis is down when it starts: it starts (bus lost, limits
 * per instance), admins sign in (the login rate limit is this instance's own), and it
 * joins the cluster once Redis comes up. A Vigil process of its own, on a redis-server of
 * the test's own.
 */
class ClusteredStartWithoutRedisIntegrationTests {

	@TempDir
	Path root;

	@Test
	void startsWithRedisDownAndJoinsWhenItComesUp() {
		String cluster = "test-" + UUID.randomUUID();
		int port = VigilProcess.freePort();
		try (OwnRedis redis = OwnRedis.onFreePort();
				VigilProcess vigil = VigilProcess.start(this.root.resolve("data"), port, this.root.resolve("out"),
						List.of("--vigil.cluster.redis-url=" + redis.url(), "--vigil.cluster.name=" + cluster,
								"--vigil.cluster.instance-name=lonely", "--vigil.cluster.allow-sqlite=true",
								"--vigil.auth.signing-key=" + TwoInstances.SIGNING_KEY,
								"--vigil.logs.directory=" + this.root.resolve("logs").toAbsolutePath()))) {
			vigil.awaitHealthy(Duration.ofSeconds(90));
			VigilClient root = VigilClient.root(port);
			assertThat(root.get("/api/admin/instances").status()).isEqualTo(200);
			assertThat(vigil.output()).contains("Shared rate limits unreachable");

			redis.start();
			RedisClient client = RedisClient.create(redis.url());
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				await().atMost(Duration.ofSeconds(30))
					.until(() -> !connection.sync().keys(cluster + ":instance:*").isEmpty());
			}
			finally {
				client.shutdown();
			}
			// Each sign-in goes through the login rate limit, which tries Redis again
			// once
			// per heartbeat.
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> VigilClient.root(port).get("/api/admin/instances").status() == 200
						&& vigil.output().contains("Shared rate limits reachable again"));
		}
	}

}
