package dev.vigil.database;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.admins.ActiveAdmins;
import dev.vigil.audit.AuditLog;
import dev.vigil.database.DatabaseCheckRepository.Row;
import dev.vigil.storage.Database;
import dev.vigil.web.ApiException;

/** Database health (scope {@code admin:database}: superadmins). */
@RestController
@RequestMapping("/api/admin/database")
class DatabaseController {

	private static final String KINDS = "one of integrity_check, optimize, vacuum";

	private final DatabaseFigures figures;

	private final DatabaseChecks checks;

	private final ActiveAdmins admins;

	private final AuditLog audit;

	private final DatabaseProperties properties;

	private final Database database;

	DatabaseController(DatabaseFigures figures, DatabaseChecks checks, ActiveAdmins admins, AuditLog audit,
			DatabaseProperties properties, Database database) {
		this.database = database;
		this.figures = figures;
		this.checks = checks;
		this.admins = admins;
		this.audit = audit;
		this.properties = properties;
	}

	/**
	 * A check as shown.
	 *
	 * @param requestedByEmail the requester's email, null when the account is gone or
	 * inactive
	 * @param outcome {@code queued}, {@code running}, {@code ok}, {@code problems},
	 * {@code failed} or {@code interrupted}
	 * @param result what it found or did, for people
	 */
	record CheckView(long id, String kind, String jobId, @Nullable Long requestedBy, @Nullable String requestedByEmail,
			Instant requestedAt, @Nullable Instant startedAt, @Nullable Instant finishedAt, String outcome,
			String result) {
	}

	/**
	 * The health page.
	 *
	 * @param running the queued or running check, if any
	 * @param last the newest check of each kind
	 * @param checks recent checks, newest first
	 */
	record Health(DatabaseFigures.Figures figures, @Nullable CheckView running, List<CheckView> last,
			List<CheckView> checks) {
	}

	record CheckRequest(@NotBlank(message = KINDS) String kind) {
	}

	record CheckStarted(String jobId, CheckView check) {
	}

	@GetMapping
	Health health() {
		Row running = this.checks.unfinished().orElse(null);
		List<Row> last = this.checks.lastOfEachKind();
		List<Row> recent = this.checks.recent(this.properties.history());
		Map<Long, String> emails = emails(
				Stream.of(Stream.ofNullable(running), last.stream(), recent.stream()).flatMap((s) -> s).toList());
		return new Health(this.figures.read(), (running != null) ? view(running, emails) : null,
				last.stream().map((r) -> view(r, emails)).toList(),
				recent.stream().map((r) -> view(r, emails)).toList());
	}

	/** Queues a check; 409 while another is queued or running. */
	@PostMapping("/checks")
	@ResponseStatus(HttpStatus.ACCEPTED)
	CheckStarted start(@Valid @RequestBody CheckRequest request, Authentication authentication) {
		CheckKind kind = CheckKind.from(request.kind()).orElseThrow(() -> ApiException.invalid("kind", KINDS));
		// SQLite's own checks (PRAGMA integrity_check, optimize, VACUUM); PostgreSQL
		// looks after itself (autovacuum) or is looked after by its operator.
		this.database.requireSqlite("database checks are",
				"PostgreSQL runs autovacuum itself; use your server's or provider's tools");
		Row row = this.checks.request(kind, adminId(authentication));
		this.audit.record("database." + kind.id(), "database_check", row.id(), "job " + row.jobId());
		return new CheckStarted(row.jobId().toString(), view(row, emails(List.of(row))));
	}

	private Map<Long, String> emails(List<Row> rows) {
		return this.admins
			.emails(rows.stream().map(Row::requestedBy).filter(Objects::nonNull).collect(Collectors.toSet()));
	}

	private static CheckView view(Row row, Map<Long, String> emails) {
		return new CheckView(row.id(), row.kind().id(), row.jobId().toString(), row.requestedBy(),
				(row.requestedBy() != null) ? emails.get(row.requestedBy()) : null, row.requestedAt(), row.startedAt(),
				row.finishedAt(), row.outcome(), row.result());
	}

	private static @Nullable Long adminId(Authentication authentication) {
		try {
			return Long.valueOf(authentication.getName());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
