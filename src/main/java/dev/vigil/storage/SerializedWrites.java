package dev.vigil.storage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Lets one connection at a time write, queueing the others on a fair Java lock.
 * <p>
 * SQLite has one writer. Without this a second writer waits in SQLite's busy handler,
 * which sleeps with growing back-off in native code, so under steady writes waiters wake
 * ever later; a parked waiter on a Java lock is woken the moment the writer is done
 * (figures: docs/decisions.md, "Load and SQLite writes"). Reads are never gated (WAL:
 * they do not block or wait for the writer).
 * <p>
 * Held by a connection from {@code setAutoCommit(false)} (transactions begin IMMEDIATE,
 * so they hold SQLite's write lock from the start) until autocommit is restored or the
 * connection closed, and by an autocommit write statement from its preparation until it
 * is closed. The busy timeout stays as the guard against other processes opening the
 * file.
 */
final class SerializedWrites extends DelegatingDataSource implements AutoCloseable {

	/**
	 * Statements that only read the main database; everything else is treated as a write.
	 */
	private static final Pattern READ = Pattern.compile("^(select|explain|values|vacuum\\s+into)\\b");

	private static final Pattern WRITE_IN_WITH = Pattern.compile("\\b(insert|update|delete|replace)\\b");

	private static final Pattern LEADING_COMMENTS = Pattern.compile("^(\\s+|--[^\\n]*(\\n|$)|/\\*.*?\\*/)+",
			Pattern.DOTALL);

	private final ReentrantLock gate = new ReentrantLock(true);

	SerializedWrites(DataSource target) {
		super(target);
	}

	@Override
	public Connection getConnection() throws SQLException {
		return gated(super.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return gated(super.getConnection(username, password));
	}

	/** Closes the pool behind it (Spring calls this on shutdown). */
	@Override
	public void close() throws Exception {
		if (getTargetDataSource() instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	/**
	 * Runs {@code work} holding the gate: no other connection writes meanwhile (this
	 * thread's own connections still can: the lock is reentrant).
	 */
	<T> T exclusively(java.util.function.Supplier<T> work) {
		this.gate.lock();
		try {
			return work.get();
		}
		finally {
			this.gate.unlock();
		}
	}

	static boolean isWrite(String sql) {
		String statement = LEADING_COMMENTS.matcher(sql).replaceFirst("").toLowerCase(Locale.ROOT);
		if (statement.startsWith("with")) {
			return WRITE_IN_WITH.matcher(statement).find();
		}
		return !READ.matcher(statement).find();
	}

	private Connection gated(Connection connection) {
		GatedConnection handler = new GatedConnection(connection);
		handler.self = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { Connection.class }, handler);
		return handler.self;
	}

	/** One acquisition of the gate, released at most once. */
	private final class Hold {

		private boolean held;

		void acquire() {
			if (!this.held) {
				SerializedWrites.this.gate.lock();
				this.held = true;
			}
		}

		void release() {
			if (this.held) {
				this.held = false;
				SerializedWrites.this.gate.unlock();
			}
		}

	}

	private final class GatedConnection implements InvocationHandler {

		private final Connection target;

		private final Hold transaction = new Hold();

		/**
		 * Statements' holds, released with the connection should a statement be left
		 * open.
		 */
		private final List<Hold> statements = new ArrayList<>();

		private @Nullable Connection self;

		GatedConnection(Connection target) {
			this.target = target;
		}

		@Override
		public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
			switch (method.getName()) {
				case "setAutoCommit" -> {
					boolean autoCommit = (Boolean) args[0];
					if (!autoCommit && this.target.getAutoCommit()) {
						this.transaction.acquire();
					}
					try {
						return call(this.target, method, args);
					}
					finally {
						if (this.target.isClosed() || this.target.getAutoCommit()) {
							this.transaction.release();
						}
					}
				}
				case "close" -> {
					try {
						return call(this.target, method, args);
					}
					finally {
						this.transaction.release();
						this.statements.forEach(Hold::release);
						this.statements.clear();
					}
				}
				case "prepareStatement", "prepareCall" -> {
					// Reads, and statements inside a transaction (which holds the gate),
					// pass through unwrapped:
					// most statements are reads, and they should not pay for a proxy.
					if (!this.target.getAutoCommit() || !isWrite((String) args[0])) {
						return call(this.target, method, args);
					}
					Hold statement = hold();
					statement.acquire();
					try {
						return gatedStatement(method.getReturnType(), (Statement) call(this.target, method, args),
								statement);
					}
					catch (Throwable ex) {
						statement.release();
						this.statements.remove(statement);
						throw ex;
					}
				}
				case "createStatement" -> {
					return gatedStatement(Statement.class, (Statement) call(this.target, method, args), hold());
				}
				default -> {
					return call(this.target, method, args);
				}
			}
		}

		/**
		 * A statement that holds {@code hold} until closed; plain statements take it at
		 * their first write.
		 */
		private Object gatedStatement(Class<?> type, Statement statement, Hold hold) {
			return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { type },
					(proxy, method, args) -> {
						String name = method.getName();
						if (name.startsWith("execute") && args != null && args.length > 0
								&& args[0] instanceof String sql && this.target.getAutoCommit() && isWrite(sql)) {
							hold.acquire();
						}
						if (name.equals("getConnection")) {
							return this.self;
						}
						try {
							return call(statement, method, args);
						}
						finally {
							if (name.equals("close")) {
								hold.release();
								this.statements.remove(hold);
							}
						}
					});
		}

		private Hold hold() {
			Hold hold = new Hold();
			this.statements.add(hold);
			return hold;
		}

	}

	private static @Nullable Object call(Object target, Method method, Object @Nullable [] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

}
