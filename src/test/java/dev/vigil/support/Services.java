package dev.vigil.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.Assumptions;

/**
 * The machine's PostgreSQL and Redis, which the cluster tests need. Where one is not
 * reachable those tests are skipped with one line naming what to start (CI starts both:
 * {@code .ci/run}).
 */
public final class Services {

	public static final String REDIS_URL = System.getProperty("vigil.test.redis-url", "redis://127.0.0.1:6379");

	public static final String POSTGRES_HOST = System.getProperty("vigil.test.postgres-host", "127.0.0.1");

	public static final int POSTGRES_PORT = Integer.getInteger("vigil.test.postgres-port", 5432);

	private Services() {
	}

	public static void requireRedis() {
		Assumptions.assumeTrue(reachable("127.0.0.1", 6379),
				"Redis is not reachable on 127.0.0.1:6379: start it to run the cluster tests");
	}

	public static void requirePostgres() {
		Assumptions.assumeTrue(reachable(POSTGRES_HOST, POSTGRES_PORT), "PostgreSQL is not reachable on "
				+ POSTGRES_HOST + ":" + POSTGRES_PORT + ": start it to run the PostgreSQL tests");
	}

	public static boolean postgresReachable() {
		return reachable(POSTGRES_HOST, POSTGRES_PORT);
	}

	private static boolean reachable(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
