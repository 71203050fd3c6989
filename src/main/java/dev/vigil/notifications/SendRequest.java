package dev.vigil.notifications;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A notification to send: to one admin (by id or email), to every active admin of a role,
 * or to every active admin — exactly one of these.
 *
 * @param adminId one recipient by id, or
 * @param email one recipient by email (as stored), or
 * @param role every active admin of a role (by name: a built-in or a defined one), or
 * @param all every active admin
 * @param type {@code info}, {@code success}, {@code warning} or {@code error}; null
 * (given blank or not at all) for {@code info}
 * @param title trimmed: it is checked as it is stored
 * @param data optional JSON object handed to the client as is; null when not given or
 * JSON {@code null}
 */
@SendRequest.OneRecipient
record SendRequest(@Nullable Long adminId,
		@Size(max = 254, message = "at most {max} characters") @Nullable String email,
		@Pattern(regexp = "[a-z][a-z0-9_-]{1,31}", message = "unknown role") @Nullable String role,
		@Nullable Boolean all,
		@Pattern(regexp = "info|success|warning|error",
				message = "must be one of info, success, warning, error") @Nullable String type,
		@NotBlank(message = "title is required") @Size(max = 200,
				message = "at most {max} characters") @Nullable String title,
		@Size(max = 4000, message = "at most {max} characters") @Nullable String message,
		@SendRequest.JsonObject(maxKilobytes = 16) @Nullable JsonNode data) {

	SendRequest {
		type = (type == null || type.isBlank()) ? null : type;
		email = (email == null || email.isBlank()) ? null : email.trim();
		title = (title != null) ? title.trim() : null;
		data = (data == null || data.isNull()) ? null : data;
	}

	boolean toAll() {
		return Boolean.TRUE.equals(this.all);
	}

	/** How many recipient selectors were given (exactly one is valid). */
	int selectors() {
		int given = toAll() ? 1 : 0;
		for (Object selector : new Object[] { this.adminId, this.email, this.role }) {
			given += (selector != null) ? 1 : 0;
		}
		return given;
	}

	/**
	 * Exactly one of {@code admin_id}, {@code email}, {@code role}, {@code "all": true},
	 * reported on {@code admin_id}.
	 */
	@Documented
	@Constraint(validatedBy = OneRecipient.Validator.class)
	@Target(ElementType.TYPE)
	@Retention(RetentionPolicy.RUNTIME)
	@interface OneRecipient {

		String message() default "give exactly one of admin_id, email, role or \"all\": true";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

		class Validator implements ConstraintValidator<OneRecipient, SendRequest> {

			@Override
			public boolean isValid(SendRequest request, ConstraintValidatorContext context) {
				if (request.selectors() == 1) {
					return true;
				}
				context.disableDefaultConstraintViolation();
				context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
					.addPropertyNode("adminId")
					.addConstraintViolation();
				return false;
			}

		}

	}

	/**
	 * A JSON object of at most {@code maxKilobytes} as JSON text. Null is valid: the
	 * field is optional.
	 */
	@Documented
	@Constraint(validatedBy = JsonObject.Validator.class)
	@Target(ElementType.FIELD)
	@Retention(RetentionPolicy.RUNTIME)
	@interface JsonObject {

		int maxKilobytes();

		String message() default "must be a JSON object";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};

		class Validator implements ConstraintValidator<JsonObject, JsonNode> {

			private int maxKilobytes;

			@Override
			public void initialize(JsonObject constraint) {
				this.maxKilobytes = constraint.maxKilobytes();
			}

			@Override
			public boolean isValid(@Nullable JsonNode value, ConstraintValidatorContext context) {
				if (value == null || (value.isObject() && value.toString().length() <= this.maxKilobytes * 1024)) {
					return true;
				}
				if (value.isObject()) {
					context.disableDefaultConstraintViolation();
					context.buildConstraintViolationWithTemplate("at most " + this.maxKilobytes + " KB")
						.addConstraintViolation();
				}
				return false;
			}

		}

	}

}
