package dev.vigil.web;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.ConflictException;
import dev.vigil.InvalidRequestException;
import dev.vigil.NotFoundException;
import dev.vigil.support.ControllerSlice;

import static dev.vigil.support.Slice.assertInvalid;
import static dev.vigil.support.Slice.assertProblem;

/** Each exception a handler may throw, as the client sees it. */
@ControllerSlice(ApiExceptionHandlerTests.Throwing.class)
@Import(ApiExceptionHandlerTests.Throwing.class)
class ApiExceptionHandlerTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void domainExceptionsMapToTheirStatusWithTheMessage() {
		assertProblem(this.mvc.get().uri("/throw/not-found").exchange(), 404, "admin not found");
		assertProblem(this.mvc.get().uri("/throw/conflict").exchange(), 409, "email already exists");
		assertProblem(this.mvc.get().uri("/throw/invalid-request").exchange(), 400, "you cannot delete yourself");
	}

	@Test
	void webErrorsKeepTheirStatus() {
		assertProblem(this.mvc.get().uri("/throw/unauthorized").exchange(), 401, "invalid credentials");
		assertInvalid(this.mvc.get().uri("/throw/invalid-field").exchange(), "admin_id",
				"no active admin with this id");
	}

	@Test
	void anythingElseIsA500ThatSaysNothingOfTheCause() {
		assertProblem(this.mvc.get().uri("/throw/bug").exchange(), 500, "internal server error");
	}

	@RestController
	static class Throwing {

		@GetMapping("/throw/{kind}")
		void fail(@PathVariable String kind) {
			throw switch (kind) {
				case "not-found" -> new NotFoundException("admin not found");
				case "conflict" -> new ConflictException("email already exists");
				case "invalid-request" -> new InvalidRequestException("you cannot delete yourself");
				case "unauthorized" -> new ApiException(HttpStatus.UNAUTHORIZED, "invalid credentials");
				case "invalid-field" -> ApiException.invalid("admin_id", "no active admin with this id");
				default -> new IllegalStateException("secret detail");
			};
		}

	}

}
