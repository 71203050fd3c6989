package dev.vigil.cluster;

import java.time.Clock;
import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Work that must run on one instance of a cluster at a time (the audit export: two
 * instances would send every entry twice) holds a lease, a row in the shared database
 * renewed while it works; when its holder dies the lease expires and another instance
 * takes over. Alone, every lease is this instance's and the database is not touched.
 */
@Component
public class ClusterLeases {

	private final ClusterBus bus;

	private final JdbcClient jdbc;

	private final Clock clock;

	ClusterLeases(ClusterBus bus, JdbcClient jdbc, Clock clock) {
		this.bus = bus;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Takes or renews the lease {@code name} for {@code ttl}; false while another live
	 * instance holds it. Call it again well within {@code ttl} to keep it.
	 */
	public boolean hold(String name, Duration ttl) {
		if (!this.bus.clustered()) {
			return true;
		}
		long now = this.clock.millis();
		// One statement on both databases: taken when free, expired, or already ours.
		return this.jdbc.sql("""
				INSERT INTO cluster_leases (name, holder, expires_at) VALUES (:name, :holder, :expires)
				ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
				WHERE cluster_leases.holder = excluded.holder OR cluster_leases.expires_at < :now
				""")
			.param("name", name)
			.param("holder", this.bus.instanceId())
			.param("expires", now + ttl.toMillis())
			.param("now", now)
			.update() == 1;
	}

	/** Whether leases are shared with other instances (false: alone, always held). */
	public boolean shared() {
		return this.bus.clustered();
	}

	/** Gives the lease up at once (on shutdown), so another instance need not wait. */
	public void release(String name) {
		if (!this.bus.clustered()) {
			return;
		}
		this.jdbc.sql("DELETE FROM cluster_leases WHERE name = :name AND holder = :holder")
			.param("name", name)
			.param("holder", this.bus.instanceId())
			.update();
	}

}
