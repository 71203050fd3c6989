package dev.vigil.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.vigil.ConflictException;
import dev.vigil.InvalidRequestException;
import dev.vigil.NotFoundException;

/**
 * Maps every exception to the ProblemDetail shape of the wire contract: the domain
 * exceptions modules throw, {@link ApiException} from controllers, Spring MVC's own.
 * Messages are written for the user; internal detail (parser messages, class names) only
 * goes to the log — one line per rejected request, no stack trace, so a flood of bad
 * input cannot fill the disk with traces.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ProblemDetail> handleApi(ApiException ex) {
		ProblemDetail problem = Problems.of(ex.status(), ex.getMessage());
		if (!ex.fields().isEmpty()) {
			problem.setProperty("fields", ex.fields());
		}
		return ResponseEntity.status(ex.status()).body(problem);
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<ProblemDetail> handleNotFound(NotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(ConflictException.class)
	ResponseEntity<ProblemDetail> handleConflict(ConflictException ex) {
		return problem(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler(InvalidRequestException.class)
	ResponseEntity<ProblemDetail> handleInvalidRequest(InvalidRequestException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	/**
	 * Spring Security's firewall checks headers and parameters lazily, so it can refuse a
	 * request mid-handler.
	 */
	@ExceptionHandler(RequestRejectedException.class)
	ResponseEntity<ProblemDetail> handleRejected(RequestRejectedException ex) {
		log.debug("request rejected: {}", ex.getMessage());
		return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "request rejected"));
	}

	/**
	 * A multipart body over the servlet's multipart limit (a restore upload) is 413, like
	 * any body over its limit.
	 */
	@Override
	protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
			.body(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "request body too large"));
	}

	/**
	 * A body that claims to be multipart and is not parseable is the client's error.
	 */
	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ProblemDetail> handleMultipart(MultipartException ex) {
		log.debug("unreadable multipart body: {}", ex.getMessage());
		return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "invalid request body"));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<?> handleUnexpected(Exception ex) {
		if (DatabaseUnavailable.is(ex)) {
			log.warn("request refused: database unavailable: {}", ex.getMessage());
			return DatabaseUnavailable.response();
		}
		log.error("unhandled exception", ex);
		return ResponseEntity.internalServerError()
			.body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal server error"));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			fields.putIfAbsent(snakeCase(error.getField()), error.getDefaultMessage());
		}
		return validationFailed(fields);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Map<String, String> fields = new LinkedHashMap<>();
		ex.getParameterValidationResults()
			.forEach((result) -> fields.putIfAbsent(String.valueOf(result.getMethodParameter().getParameterName()),
					result.getResolvableErrors().get(0).getDefaultMessage()));
		return validationFailed(fields);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		log.debug("unreadable request body: {}", ex.getMessage());
		if (BodySizeLimitFilter.isTooLarge(ex)) {
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
				.body(Problems.of(HttpStatus.CONTENT_TOO_LARGE, "request body too large"));
		}
		return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "invalid request body"));
	}

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.of(HttpStatus.NOT_FOUND, "not found"));
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "invalid " + name));
	}

	/**
	 * Every other Spring MVC exception already carries a ProblemDetail; add the
	 * {@code error} member.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem
				&& problem.getProperties() == null) {
			String message = (problem.getDetail() != null) ? problem.getDetail() : problem.getTitle();
			problem.setProperty("error", message);
		}
		return response;
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String message) {
		return ResponseEntity.status(status).body(Problems.of(status, message));
	}

	private static ResponseEntity<Object> validationFailed(Map<String, String> fields) {
		ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "validation failed");
		problem.setProperty("fields", fields);
		return ResponseEntity.unprocessableContent().body(problem);
	}

	private static String snakeCase(String field) {
		return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
	}

}
