package dev.vigil.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import dev.vigil.auth.ApiKeys;
import dev.vigil.auth.Roles;
import dev.vigil.auth.SessionService;
import dev.vigil.cluster.SharedBuckets;
import dev.vigil.storage.DataDirectory;

/**
 * A Spring MVC slice of the given controllers behind Vigil's own security chain (CSRF,
 * scopes, ProblemDetail 401/403) and exception handling, with {@code MockMvcTester}. Sign
 * a request in with {@link Slice#as}; the controllers' collaborators are
 * {@code @MockitoBean}s of the test, and so are {@link SessionService} and
 * {@link ApiKeys} and {@link Roles}, which the chains' filters ask, and
 * {@link SharedBuckets} (empty: the rate limits count in memory, as alone).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(properties = "vigil.auth.signing-key=" + ControllerSlice.SIGNING_KEY,
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = "dev\\.vigil\\.(auth\\.(SecurityConfiguration|AuthProperties)|web\\.(WebProperties|ClientAddress))"))
@MockitoBean(types = { SessionService.class, ApiKeys.class, Roles.class, DataDirectory.class, SharedBuckets.class })
public @interface ControllerSlice {

	/** Configured, so that the chain never reads or writes a key file. */
	String SIGNING_KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

	@AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
	Class<?>[] value() default {};

}
