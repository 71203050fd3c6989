package dev.vigil.audit;

import java.io.IOException;
import java.util.List;

/**
 * Somewhere audit entries are delivered to, in id order, by one sender thread: never
 * called concurrently.
 */
interface AuditSink {

	/** The sink's name, also the key of its stored position. */
	String name();

	/** Where it delivers, for the status (no credentials). */
	String target();

	/**
	 * Makes the sink ready to write: connects, or checks that an open connection still
	 * is.
	 * @param stored the position stored for this sink
	 * @return the position to continue after: {@code stored}, or higher when the sink can
	 * tell that it holds later entries already
	 */
	long open(long stored) throws IOException;

	/** Writes the entries and flushes them; a failure leaves the sink to be reopened. */
	void write(List<AuditLog.Listed> entries) throws IOException;

	/** Whether it holds an open connection or file. */
	boolean connected();

	/** Drops the connection or file; safe to call from another thread, and twice. */
	void close();

}
