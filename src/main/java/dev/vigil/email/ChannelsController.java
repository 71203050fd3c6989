package dev.vigil.email;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.NotFoundException;
import dev.vigil.admins.ActiveAdmins;
import dev.vigil.audit.AuditLog;
import dev.vigil.auth.CurrentAdmin;
import dev.vigil.web.ApiException;

/**
 * The signed-in admin's delivery channels (any role): which notification types reach them
 * by email, a test mail, and their recent email deliveries.
 */
@RestController
@RequestMapping("/api/admin/profile/channels")
class ChannelsController {

	static final List<String> TYPES = List.of("info", "success", "warning", "error");

	private final EmailRepository repository;

	private final Mailer mailer;

	private final ActiveAdmins admins;

	private final AuditLog audit;

	private final Clock clock;

	ChannelsController(EmailRepository repository, Mailer mailer, ActiveAdmins admins, AuditLog audit, Clock clock) {
		this.repository = repository;
		this.mailer = mailer;
		this.admins = admins;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * @param available whether the operator configured an SMTP server
	 * @param address where this admin's mail goes
	 * @param types the notification types this admin gets by email
	 * @param allTypes every type there is
	 */
	record EmailChannel(boolean available, String address, List<String> types, List<String> allTypes) {
	}

	record Channels(EmailChannel email) {
	}

	record EmailUpdate(@NotNull(message = "types is required") List<String> types) {
	}

	record ChannelsUpdate(@NotNull(message = "email is required") @Valid EmailUpdate email) {
	}

	record Delivery(long id, long notificationId, String type, String title, String address, String status,
			int attempts, @Nullable String lastError, Instant createdAt, Instant updatedAt, @Nullable Instant sentAt) {

		static Delivery of(EmailRepository.Delivery d) {
			return new Delivery(d.id(), d.notificationId(), d.type(), d.title(), d.address(), d.status(), d.attempts(),
					d.lastError(), d.createdAt(), d.updatedAt(), d.sentAt());
		}

	}

	@GetMapping
	Channels get(@AuthenticationPrincipal CurrentAdmin me) {
		Set<String> types = this.repository.types(me.id());
		return new Channels(new EmailChannel(this.mailer.available(), address(me),
				TYPES.stream().filter(types::contains).toList(), TYPES));
	}

	@PutMapping
	Channels update(@AuthenticationPrincipal CurrentAdmin me, @Valid @RequestBody ChannelsUpdate body) {
		for (String type : body.email().types()) {
			if (type == null || !TYPES.contains(type)) {
				throw ApiException.badRequest("unknown notification type "
						+ ((type != null) ? "'" + type + "'" : "null") + ": one of " + String.join(", ", TYPES));
			}
		}
		this.repository.saveTypes(me.id(), body.email().types(), this.clock.instant());
		this.audit.record("profile.update_channels", "admin", me.id(),
				"email types: " + String.join(",", body.email().types()));
		return get(me);
	}

	/**
	 * Sends a test mail to the caller now, while they wait (within the short SMTP
	 * timeouts), and answers with the server's error if it fails.
	 */
	@PostMapping("/email/test")
	Map<String, Object> test(@AuthenticationPrincipal CurrentAdmin me) {
		if (!this.mailer.available()) {
			throw new ApiException(HttpStatus.CONFLICT, "email is not configured on this server (VIGIL_MAIL_HOST)");
		}
		String address = address(me);
		try {
			this.mailer.send(address, "[Vigil] Test email",
					"This is a test email from Vigil, sent at "
							+ DateTimeFormatter.ISO_INSTANT.format(this.clock.instant())
							+ ".\n\nEmail delivery works: notifications of the types you chose in Profile > Channels"
							+ " will arrive here.\n");
		}
		catch (MailFailure failure) {
			this.audit.record("profile.test_email", "admin", me.id(), "failed: " + failure.getMessage());
			throw new ApiException(HttpStatus.BAD_GATEWAY, "the test email was not sent: " + failure.getMessage());
		}
		this.audit.record("profile.test_email", "admin", me.id(), "sent");
		return Map.of("ok", true, "address", address);
	}

	@GetMapping("/email/deliveries")
	Map<String, Object> deliveries(@AuthenticationPrincipal CurrentAdmin me,
			@RequestParam(defaultValue = "20") int limit) {
		if (limit < 1 || limit > 100) {
			throw ApiException.badRequest("limit must be between 1 and 100");
		}
		List<Delivery> deliveries = this.repository.recent(me.id(), limit).stream().map(Delivery::of).toList();
		return Map.of("deliveries", deliveries, "total", this.repository.count(me.id()));
	}

	private String address(CurrentAdmin me) {
		String address = this.admins.emails(List.of(me.id())).get(me.id());
		if (address == null) {
			throw new NotFoundException("admin not found");
		}
		return address;
	}

}
