package dev.vigil.web;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The database cannot be reached (PostgreSQL down or restarting, the pool out of
 * connections): the request is answered 503 with {@code Retry-After}, never a 500.
 * Nothing to repair in Vigil: the pool connects again by itself once the database is
 * back.
 */
final class DatabaseUnavailable {

	static final String MESSAGE = "the database is unavailable; try again shortly";

	/** Seconds a client waits before trying again. */
	static final String RETRY_AFTER = "5";

	private DatabaseUnavailable() {
	}

	static boolean is(@Nullable Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException
					|| cause instanceof TransientDataAccessResourceException
					|| cause instanceof CannotCreateTransactionException
					|| cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	static ResponseEntity<Object> response() {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER)
			.body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, MESSAGE));
	}

}
