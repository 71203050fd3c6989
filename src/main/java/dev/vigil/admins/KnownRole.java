package dev.vigil.admins;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.jspecify.annotations.Nullable;

import dev.vigil.auth.Roles;

/**
 * The name of a role that exists now (built-in or defined). Null is valid: whether one is
 * required is said where it is.
 */
@Documented
@Constraint(validatedBy = KnownRole.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
@interface KnownRole {

	String message() default "unknown role";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Made by Spring's validator factory, which hands it the roles. */
	class Validator implements ConstraintValidator<KnownRole, String> {

		private final Roles roles;

		Validator(Roles roles) {
			this.roles = roles;
		}

		@Override
		public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
			return value == null || this.roles.exists(value);
		}

	}

}
