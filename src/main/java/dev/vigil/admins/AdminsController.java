package dev.vigil.admins;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.InvalidRequestException;
import dev.vigil.NotFoundException;
import dev.vigil.auth.CurrentAdmin;
import dev.vigil.auth.Roles;
import dev.vigil.auth.SessionService;
import dev.vigil.web.BulkIds;
import dev.vigil.web.BulkResult;
import dev.vigil.web.Csv;
import dev.vigil.web.ListQuery;
import dev.vigil.web.Ok;

/** Admin accounts (scope {@code admin:admins}, enforced by the security chain). */
@RestController
@RequestMapping("/api/admin/admins")
class AdminsController {

	private static final Map<String, String> SORTABLE = Map.of("id", "id", "email", "email", "name", "name", "role",
			"role", "is_active", "is_active", "created_at", "created_at", "updated_at", "updated_at");

	private final AdminRepository repository;

	private final AdminService admins;

	private final SessionService sessions;

	AdminsController(AdminRepository repository, AdminService admins, SessionService sessions) {
		this.repository = repository;
		this.admins = admins;
		this.sessions = sessions;
	}

	record AdminView(long id, String email, String name, String role, boolean isActive, Instant createdAt,
			Instant updatedAt) {

		static AdminView of(AdminRepository.Admin admin) {
			return new AdminView(admin.id(), admin.email(), admin.name(), admin.role(), admin.active(),
					admin.createdAt(), admin.updatedAt());
		}

	}

	record Page(List<AdminView> admins, long total) {
	}

	record AdminResponse(AdminView admin) {
	}

	/**
	 * @param activeSessions the admin's live sessions
	 */
	record AdminDetail(AdminView admin, long activeSessions) {
	}

	record CreateRequest(
			@NotBlank(message = "email is required") @Email(message = "must be a valid email") @Size(
					max = 254) String email,
			@NotBlank(message = "password is required") @NewPassword String password,
			@Size(max = 200) @Nullable String name, @KnownRole @Nullable String role) {
	}

	record UpdateRequest(@Size(max = 200) @Nullable String name, @KnownRole @Nullable String role,
			@Nullable Boolean isActive, @NewPassword @Nullable String password) {
	}

	@GetMapping
	Page list(@RequestParam(required = false) @Nullable String search,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable Integer offset,
			@RequestParam(required = false) @Nullable String sort,
			@RequestParam(required = false) @Nullable String order) {
		ListQuery query = ListQuery.of(limit, offset, sort, order, SORTABLE, "id", "ASC");
		return new Page(this.repository.find(search, query).stream().map(AdminView::of).toList(),
				this.repository.count(search));
	}

	@GetMapping("/{id}")
	AdminDetail get(@PathVariable long id) {
		return new AdminDetail(AdminView.of(this.admins.get(id)), this.sessions.countLive(id));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@ApiResponse(responseCode = "409", description = "An admin with this email exists")
	AdminResponse create(@AuthenticationPrincipal CurrentAdmin me, @Valid @RequestBody CreateRequest body) {
		String role = (body.role() != null) ? body.role() : Roles.ADMIN;
		return new AdminResponse(
				AdminView.of(this.admins.create(me.id(), body.email(), body.password(), body.name(), role)));
	}

	@PutMapping("/{id}")
	AdminResponse update(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id,
			@Valid @RequestBody UpdateRequest body) {
		return new AdminResponse(AdminView
			.of(this.admins.update(me.id(), id, body.name(), body.role(), body.isActive(), body.password())));
	}

	@DeleteMapping("/{id}")
	Ok delete(@AuthenticationPrincipal CurrentAdmin me, @PathVariable long id) {
		if (!this.admins.delete(me.id(), id, "")) {
			throw new NotFoundException("admin not found");
		}
		return Ok.OK;
	}

	@PostMapping("/bulk-delete")
	BulkResult bulkDelete(@AuthenticationPrincipal CurrentAdmin me, @RequestBody BulkIds<Long> body) {
		var ids = body.validated();
		if (ids.contains(me.id())) {
			throw new InvalidRequestException("you cannot delete yourself");
		}
		int affected = 0;
		for (long id : ids) {
			if (this.admins.delete(me.id(), id, "bulk")) {
				affected++;
			}
		}
		return BulkResult.of(affected);
	}

	@GetMapping("/export")
	ResponseEntity<byte[]> export(@RequestParam(required = false) @Nullable String search,
			@RequestParam(required = false) @Nullable String sort,
			@RequestParam(required = false) @Nullable String order) {
		ListQuery query = ListQuery.of(null, null, sort, order, SORTABLE, "id", "ASC").unpaged();
		List<List<?>> rows = this.repository.find(search, query)
			.stream()
			.<List<?>>map(
					(a) -> List.of(a.id(), a.email(), a.name(), a.role(), a.active(), a.createdAt(), a.updatedAt()))
			.toList();
		return Csv.export("admins", List.of("ID", "Email", "Name", "Role", "Active", "Created At", "Updated At"), rows);
	}

}
