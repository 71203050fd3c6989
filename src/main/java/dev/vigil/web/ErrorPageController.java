package dev.vigil.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that never reach a controller (container errors, exceptions thrown by filters)
 * end up on {@code /error}; render them in the same ProblemDetail shape, without any
 * internal detail.
 */
@RestController
class ErrorPageController implements ErrorController {

	@RequestMapping("/error")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (!(code instanceof Integer)) {
			// Requested directly rather than forwarded by the container for an error:
			// nothing is here.
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.of(HttpStatus.NOT_FOUND, "not found"));
		}
		HttpStatus status = HttpStatus.resolve((Integer) code);
		if (status == null || !status.isError()) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		String message = status.is5xxServerError() ? "internal server error" : status.getReasonPhrase().toLowerCase();
		return ResponseEntity.status(status).body(Problems.of(status, message));
	}

}
