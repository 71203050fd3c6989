package dev.vigil.logs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.vigil.web.Problems;

/**
 * A source's file that cannot be read (no permission, a directory in its place) is the
 * operator's configuration to fix, said as such: a 409, not a 500 with a stack trace in
 * the log — which an alert on error lines would count.
 */
@RestControllerAdvice(assignableTypes = { LogsController.class, LogSearchController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class LogFileErrors {

	private static final Logger log = LoggerFactory.getLogger(LogFileErrors.class);

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> denied(AccessDeniedException ex) {
		return conflict("Vigil may not read this log file: permission denied");
	}

	@ExceptionHandler(IOException.class)
	ResponseEntity<ProblemDetail> unreadable(IOException ex) {
		log.debug("log file not readable", ex);
		return conflict("this log file cannot be read (not a regular file, or an I/O error)");
	}

	private static ResponseEntity<ProblemDetail> conflict(String message) {
		return ResponseEntity.status(HttpStatus.CONFLICT).body(Problems.of(HttpStatus.CONFLICT, message));
	}

}
