package dev.vigil.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent writers on a real SQLite file with a busy timeout of zero: any two writes
 * that reach SQLite at once fail with SQLITE_BUSY, so only the gate can make these pass.
 */
class SerializedWritesTests {

	@TempDir
	Path dir;

	private HikariDataSource pool;

	private SerializedWrites dataSource;

	private JdbcClient jdbc;

	@BeforeEach
	void open() {
		SQLiteConfig sqlite = new SQLiteConfig();
		sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
		sqlite.setBusyTimeout(0);
		sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
		HikariConfig hikari = new HikariConfig();
		hikari.setJdbcUrl("jdbc:sqlite:" + this.dir.resolve("gate.db"));
		hikari.setDataSourceProperties(sqlite.toProperties());
		hikari.setMaximumPoolSize(8);
		this.pool = new HikariDataSource(hikari);
		this.dataSource = new SerializedWrites(this.pool);
		this.jdbc = JdbcClient.create(this.dataSource);
		this.jdbc.sql("CREATE TABLE t (id INTEGER PRIMARY KEY, writer INTEGER, n INTEGER)").update();
	}

	@AfterEach
	void close() throws Exception {
		this.dataSource.close();
		assertThat(this.pool.isClosed()).isTrue();
	}

	@Test
	void concurrentAutocommitWritesAndTransactionsNeverMeetInSqlite() throws Exception {
		int writers = 8;
		int rows = 300;
		ExecutorService threads = Executors.newFixedThreadPool(writers);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> done = new ArrayList<>();
		for (int w = 0; w < writers; w++) {
			int writer = w;
			done.add(threads.submit(() -> {
				start.await();
				for (int i = 0; i < rows; i++) {
					if (writer % 4 == 0 && i % 10 == 0) {
						// A transaction with a read between its writes, as JobRunr does.
						try (Connection connection = this.dataSource.getConnection()) {
							connection.setAutoCommit(false);
							try (var insert = connection.prepareStatement("INSERT INTO t (writer, n) VALUES (?, ?)")) {
								insert.setInt(1, writer);
								insert.setInt(2, i);
								insert.executeUpdate();
							}
							try (var read = connection.createStatement()) {
								read.executeQuery("SELECT count(*) FROM t").close();
							}
							connection.commit();
							connection.setAutoCommit(true);
						}
					}
					else if (i % 2 == 0) {
						this.jdbc.sql("INSERT INTO t (writer, n) VALUES (:w, :n) RETURNING id")
							.param("w", writer)
							.param("n", i)
							.query(Long.class)
							.single();
					}
					else {
						this.jdbc.sql("INSERT INTO t (writer, n) VALUES (:w, :n)")
							.param("w", writer)
							.param("n", i)
							.update();
						this.jdbc.sql("UPDATE t SET n = n + 1 WHERE writer = :w AND n = :n")
							.param("w", writer)
							.param("n", i)
							.update();
					}
					this.jdbc.sql("SELECT count(*) FROM t").query(Long.class).single();
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> future : done) {
			future.get(60, TimeUnit.SECONDS);
		}
		threads.shutdown();
		assertThat(this.jdbc.sql("SELECT count(*) FROM t").query(Long.class).single()).isEqualTo(writers * rows);
	}

	@Test
	void aConnectionClosedWithAStatementStillOpenReleasesTheGate() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.prepareStatement("INSERT INTO t (writer, n) VALUES (1, 1)").executeUpdate();
			// statement deliberately left open
		}
		ExecutorService other = Executors.newSingleThreadExecutor();
		other.submit(() -> this.jdbc.sql("INSERT INTO t (writer, n) VALUES (2, 2)").update()).get(5, TimeUnit.SECONDS);
		other.shutdown();
		assertThat(this.jdbc.sql("SELECT count(*) FROM t").query(Long.class).single()).isEqualTo(2);
	}

	@Test
	void readsAndBackupsAreNotWrites() {
		assertThat(SerializedWrites.isWrite("SELECT 1")).isFalse();
		assertThat(SerializedWrites.isWrite("  -- why\n/* a */ select * from t")).isFalse();
		assertThat(SerializedWrites.isWrite("WITH x AS (SELECT 1) SELECT * FROM x")).isFalse();
		assertThat(SerializedWrites.isWrite("VACUUM INTO '/tmp/b.db'")).isFalse();
		assertThat(SerializedWrites.isWrite("explain query plan select 1")).isFalse();
		assertThat(SerializedWrites.isWrite("INSERT INTO t VALUES (1)")).isTrue();
		assertThat(SerializedWrites.isWrite("with x as (select 1) insert into t select * from x")).isTrue();
		assertThat(SerializedWrites.isWrite("\n  update t set n = 1")).isTrue();
		assertThat(SerializedWrites.isWrite("DELETE FROM t")).isTrue();
		assertThat(SerializedWrites.isWrite("PRAGMA wal_checkpoint(TRUNCATE)")).isTrue();
		assertThat(SerializedWrites.isWrite("selection")).isTrue();
	}

}
