package dev.vigil.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.vigil.cluster.ClusterLeases;

/**
 * Delivers the audit log to its export sinks: one sender thread per sink reads the
 * entries after the sink's stored position in id order, in batches, writes them, then
 * stores the new position. Audit writes only wake the senders, so an audited request
 * never waits for a receiver; a sender whose receiver is away retries with back-off while
 * the entries wait in the table.
 */
@Component
class AuditForwarder implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AuditForwarder.class);

	private final List<Sender> senders = new ArrayList<>();

	private final AuditRepository entries;

	private final ExportPositionRepository positions;

	private final AdminNames adminNames;

	private final AuditProperties properties;

	private final Clock clock;

	private final ClusterLeases leases;

	/**
	 * How long an export lease lasts unrenewed: a dead holder's sink resumes elsewhere
	 * after at most this.
	 */
	private static final Duration LEASE_TTL = Duration.ofSeconds(15);

	private static final Duration LEASE_RENEWAL = Duration.ofSeconds(5);

	/** The highest audit id this process has seen given out. */
	private final AtomicLong highestId = new AtomicLong();

	private volatile boolean running;

	AuditForwarder(AuditProperties properties, AuditRepository entries, ExportPositionRepository positions,
			AdminNames adminNames, JsonMapper json, ObjectProvider<SslBundles> sslBundles, Clock clock,
			MeterRegistry meters, ClusterLeases leases) {
		this.leases = leases;
		this.entries = entries;
		this.positions = positions;
		this.adminNames = adminNames;
		this.properties = properties;
		this.clock = clock;
		AuditProperties.Syslog syslog = properties.syslog();
		if (syslog.enabled()) {
			this.senders.add(new Sender(new SyslogSink(syslog.host().trim(), syslog.port(),
					(int) syslog.connectTimeout().toMillis(), tls(syslog, sslBundles),
					new SyslogMessages(SyslogMessages.facility(syslog.facility()), hostname(syslog), syslog.appName(),
							Long.toString(ProcessHandle.current().pid()), json))));
		}
		if (properties.file().enabled()) {
			this.senders.add(new Sender(new JsonLinesSink(Path.of(properties.file().path().trim()), json)));
		}
		for (Sender sender : this.senders) {
			Gauge.builder("vigil.audit.export.lag", sender, Sender::behindOrNaN)
				.description("Audit entries not yet delivered to an export sink")
				.tag("sink", sender.sink.name())
				.register(meters);
		}
	}

	private static @Nullable SSLSocketFactory tls(AuditProperties.Syslog syslog,
			ObjectProvider<SslBundles> sslBundles) {
		if (!syslog.tls()) {
			return null;
		}
		if (syslog.sslBundle() != null && !syslog.sslBundle().isBlank()) {
			return sslBundles.getObject().getBundle(syslog.sslBundle().trim()).createSslContext().getSocketFactory();
		}
		try {
			return SSLContext.getDefault().getSocketFactory();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("no default TLS context", ex);
		}
	}

	private static String hostname(AuditProperties.Syslog syslog) {
		if (syslog.hostname() != null && !syslog.hostname().isBlank()) {
			return syslog.hostname().trim();
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "-";
		}
	}

	/** An entry was written (called after its transaction committed). */
	void written(long id) {
		this.highestId.accumulateAndGet(id, Math::max);
		for (Sender sender : this.senders) {
			sender.wake();
		}
	}

	/**
	 * The database was replaced by a restore (under its write gate, before any new
	 * entry): ids given out before stay used, so that an entry written after the restore
	 * never reuses the id of one a receiver already has; each sink continues from the
	 * position it had reached, and entries of the restored database above it are
	 * delivered.
	 */
	void databaseReplaced() {
		this.entries.reserveIdsUpTo(this.highestId.get());
		for (Sender sender : this.senders) {
			this.positions.store(sender.sink.name(), sender.position);
			sender.wake();
		}
	}

	/** Each sink's delivery status. */
	List<SinkStatus> status() {
		return this.senders.stream().map(Sender::status).toList();
	}

	/**
	 * @param name the sink: {@code syslog} or {@code file}
	 * @param target where it delivers
	 * @param position the id of the last entry delivered
	 * @param behind entries not yet delivered
	 * @param connected whether the sink holds a connection (or open file)
	 * @param lastError the last failure, if any
	 * @param lastErrorAt when it happened
	 * @param lastDeliveredAt when a batch was last delivered
	 */
	record SinkStatus(String name, String target, long position, long behind, boolean connected,
			@Nullable String lastError, @Nullable Instant lastErrorAt, @Nullable Instant lastDeliveredAt) {
	}

	@Override
	public void start() {
		this.highestId.accumulateAndGet(this.entries.highestIdGiven(), Math::max);
		this.running = true;
		for (Sender sender : this.senders) {
			sender.position = this.positions.find(sender.sink.name()).orElse(0L);
			Thread thread = new Thread(sender, "audit-export-" + sender.sink.name());
			thread.setDaemon(true);
			sender.thread = thread;
			thread.start();
			log.info("audit export to {} ({}) continues after entry {}", sender.sink.name(), sender.sink.target(),
					sender.position);
		}
	}

	@Override
	public void stop() {
		this.running = false;
		for (Sender sender : this.senders) {
			try {
				this.leases.release(sender.lease());
			}
			catch (RuntimeException ex) {
				// The database is gone: the lease expires by itself.
			}
		}
		for (Sender sender : this.senders) {
			Thread thread = sender.thread;
			if (thread != null) {
				thread.interrupt();
				// A write blocked on a stalled receiver ends when its socket closes.
				sender.sink.close();
			}
		}
		for (Sender sender : this.senders) {
			Thread thread = sender.thread;
			if (thread != null) {
				try {
					thread.join(TimeUnit.SECONDS.toMillis(5));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				sender.thread = null;
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** One sink's sender: the only thread that writes to it or stores its position. */
	private final class Sender implements Runnable {

		private final AuditSink sink;

		private volatile @Nullable Thread thread;

		private volatile long position;

		private volatile @Nullable String lastError;

		private volatile @Nullable Instant lastErrorAt;

		private volatile @Nullable Instant lastDeliveredAt;

		/** Whether this instance held the sink's lease at the last batch. */
		private boolean leased;

		Sender(AuditSink sink) {
			this.sink = sink;
		}

		void wake() {
			Thread sending = this.thread;
			if (sending != null) {
				LockSupport.unpark(sending);
			}
		}

		@Override
		public void run() {
			Duration retry = AuditForwarder.this.properties.retryMin();
			boolean failing = false;
			while (AuditForwarder.this.running && !Thread.currentThread().isInterrupted()) {
				try {
					if (!deliverBatch()) {
						LockSupport.parkNanos(this, idle().toNanos());
					}
					if (failing) {
						log.info("audit export to {} recovered; delivered up to entry {}", this.sink.target(),
								this.position);
						failing = false;
					}
					retry = AuditForwarder.this.properties.retryMin();
				}
				catch (Exception ex) {
					this.sink.close();
					if (!AuditForwarder.this.running) {
						return;
					}
					this.lastError = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
					this.lastErrorAt = AuditForwarder.this.clock.instant();
					if (!failing) {
						log.warn("audit export to {} failed, retrying with back-off: {}", this.sink.target(),
								this.lastError);
						failing = true;
					}
					try {
						Thread.sleep(retry.toMillis());
					}
					catch (InterruptedException interrupted) {
						return;
					}
					Duration doubled = retry.multipliedBy(2);
					retry = (doubled.compareTo(AuditForwarder.this.properties.retryMax()) > 0)
							? AuditForwarder.this.properties.retryMax() : doubled;
				}
			}
			this.sink.close();
		}

		/** Delivers the next batch; false when there was nothing to deliver. */
		private boolean deliverBatch() throws Exception {
			// Several instances: one exports (the lease); the others wait, ready to
			// take over from the stored position when it expires.
			if (!AuditForwarder.this.leases.hold(lease(), LEASE_TTL)) {
				if (this.leased) {
					this.leased = false;
					this.sink.close();
					log.info("audit export to {} continues on another instance", this.sink.target());
				}
				return false;
			}
			if (!this.leased) {
				this.leased = true;
				this.position = Math.max(this.position,
						AuditForwarder.this.positions.find(this.sink.name()).orElse(0L));
			}
			List<AuditRepository.Entry> batch = AuditForwarder.this.entries.after(this.position,
					AuditForwarder.this.properties.batchSize());
			if (batch.isEmpty()) {
				return false;
			}
			long held = this.sink.open(this.position);
			if (held > this.position) {
				// The sink already holds these (written just before a crash).
				store(held);
				return true;
			}
			this.sink.write(AuditLog.named(batch, AuditForwarder.this.adminNames));
			store(batch.get(batch.size() - 1).id());
			this.lastDeliveredAt = AuditForwarder.this.clock.instant();
			return true;
		}

		private void store(long delivered) {
			this.position = delivered;
			AuditForwarder.this.positions.store(this.sink.name(), delivered);
		}

		/**
		 * How long to wait when idle: the poll interval, but often enough to renew the
		 * lease when shared (and for a waiting instance to see it free).
		 */
		private Duration idle() {
			Duration poll = AuditForwarder.this.properties.poll();
			return (AuditForwarder.this.leases.shared() && poll.compareTo(LEASE_RENEWAL) > 0) ? LEASE_RENEWAL : poll;
		}

		String lease() {
			return "audit-export-" + this.sink.name();
		}

		double behindOrNaN() {
			try {
				return AuditForwarder.this.entries.countAfter(this.position);
			}
			catch (RuntimeException ex) {
				return Double.NaN;
			}
		}

		SinkStatus status() {
			return new SinkStatus(this.sink.name(), this.sink.target(), this.position,
					AuditForwarder.this.entries.countAfter(this.position), this.sink.connected(), this.lastError,
					this.lastErrorAt, this.lastDeliveredAt);
		}

	}

}
