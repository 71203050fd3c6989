package dev.vigil.admins;

import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.vigil.ConflictException;
import dev.vigil.InvalidRequestException;
import dev.vigil.NotFoundException;
import dev.vigil.auth.Role;
import dev.vigil.auth.Roles;
import dev.vigil.support.ControllerSlice;
import dev.vigil.support.Slice;

import static dev.vigil.support.Slice.assertInvalid;
import static dev.vigil.support.Slice.assertProblem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

@ControllerSlice(AdminsController.class)
class AdminsControllerTests {

	private static final String ADMINS = "/api/admin/admins";

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	AdminRepository repository;

	@MockitoBean
	AdminService admins;

	/** The slice's mock. */
	@Autowired
	Roles roles;

	@BeforeEach
	void builtInRolesExist() {
		for (Role role : Role.values()) {
			given(this.roles.exists(role.id())).willReturn(true);
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"password": "long enough"}                                  | email    | email is required
			{"email": "not an email", "password": "long enough"}         | email    | must be a valid email
			{"email": "a@example.com"}                                   | password | password is required
			{"email": "a@example.com", "password": "short"}              | password | must be at least 8 characters
			{"email": "a@example.com", "password": "long enough", "role": "root"} | role | unknown role
			""")
	void anInvalidCreateIs422NamingTheField(String body, String field, String message) {
		assertInvalid(post(ADMINS, body), field, message);
		verifyNoInteractions(this.admins);
	}

	@Test
	void aTakenEmailIs409() {
		given(this.admins.create(anyLong(), anyString(), anyString(), any(), any()))
			.willThrow(new ConflictException("email already exists"));

		assertProblem(post(ADMINS, "{\"email\": \"a@example.com\", \"password\": \"long enough\"}"), 409,
				"email already exists");
	}

	@Test
	void anUnknownAdminIs404() {
		given(this.admins.get(9)).willThrow(new NotFoundException("admin not found"));
		given(this.admins.delete(Slice.ADMIN_ID, 9, "")).willReturn(false);

		assertProblem(this.mvc.get().uri(ADMINS + "/9").with(Slice.as(Role.SUPERADMIN)).exchange(), 404,
				"admin not found");
		assertProblem(this.mvc.delete().uri(ADMINS + "/9").with(Slice.as(Role.SUPERADMIN)).with(csrf()).exchange(), 404,
				"admin not found");
	}

	@Test
	void deactivatingOrDeletingOneselfIs400() {
		given(this.admins.update(Slice.ADMIN_ID, Slice.ADMIN_ID, null, null, false, null))
			.willThrow(new InvalidRequestException("you cannot deactivate yourself"));

		assertProblem(put(ADMINS + "/" + Slice.ADMIN_ID, "{\"is_active\": false}"), 400,
				"you cannot deactivate yourself");
		assertProblem(post(ADMINS + "/bulk-delete", "{\"ids\": [3, " + Slice.ADMIN_ID + "]}"), 400,
				"you cannot delete yourself");
	}

	@Test
	void aBulkDeleteOfTooManyIdsIs400() {
		String ids = LongStream.rangeClosed(1, 101).mapToObj(Long::toString).collect(Collectors.joining(","));

		assertProblem(post(ADMINS + "/bulk-delete", "{\"ids\": [" + ids + "]}"), 400, "maximum 100 ids per request");
		assertProblem(post(ADMINS + "/bulk-delete", "{\"ids\": [1, null]}"), 400, "ids must not contain null");
		verifyNoInteractions(this.admins);
	}

	@Test
	void adminAccountsNeedTheAdminsScope() {
		assertProblem(this.mvc.get().uri(ADMINS).with(Slice.as(Role.ADMIN)).exchange(), 403,
				"insufficient permissions");
		verifyNoInteractions(this.repository, this.admins);
	}

	private MvcTestResult post(String uri, String body) {
		return Slice.json(this.mvc, HttpMethod.POST, uri, Role.SUPERADMIN, body);
	}

	private MvcTestResult put(String uri, String body) {
		return Slice.json(this.mvc, HttpMethod.PUT, uri, Role.SUPERADMIN, body);
	}

}
