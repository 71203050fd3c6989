package dev.vigil.admins;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.jspecify.annotations.Nullable;

/**
 * A password being set: at least {@value #MIN_CHARACTERS} characters and at most
 * {@value #MAX_BYTES} bytes in UTF-8, the most bcrypt reads (it ignores the rest, and
 * Spring's encoder refuses it). Null is valid: whether one is required is said by
 * {@code @NotBlank} where it is.
 */
@Documented
@Constraint(validatedBy = NewPassword.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@interface NewPassword {

	int MIN_CHARACTERS = 8;

	int MAX_BYTES = 72;

	String TOO_SHORT = "must be at least " + MIN_CHARACTERS + " characters";

	String TOO_LONG = "must be at most " + MAX_BYTES + " bytes in UTF-8";

	String message() default TOO_SHORT;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<NewPassword, String> {

		/** Why a password cannot be set, or null when it can. */
		static @Nullable String problem(String password) {
			if (password.length() < MIN_CHARACTERS) {
				return TOO_SHORT;
			}
			// Over 72 characters is over 72 bytes: a huge input is refused without being
			// encoded.
			if (password.length() > MAX_BYTES || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
				return TOO_LONG;
			}
			return null;
		}

		@Override
		public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
			String problem = (value != null) ? problem(value) : null;
			if (problem == null) {
				return true;
			}
			context.disableDefaultConstraintViolation();
			context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
			return false;
		}

	}

}
