package dev.vigil.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * A real Vigil on a random port, with the test root admin bootstrapped. Tests sharing
 * this configuration share one server (and its SQLite file), so they create their own
 * uniquely named data.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "vigil.admins.bootstrap-email=" + VigilClient.ROOT_EMAIL,
				"vigil.admins.bootstrap-password=" + VigilClient.ROOT_PASSWORD,
				// Tests log in hundreds of times from one address; the limit itself has
				// its own test.
				"vigil.auth.login-rate-limit=100000",
				// Tests replay a refresh token right after its rotation to prove reuse
				// detection; the grace
				// that would accept it has its own test.
				"vigil.auth.refresh-grace=0s",
				// Test servers share one database: only the jobs tests run a job server,
				// so jobs run where they look.
				"jobrunr.background-job-server.enabled=false" })
public @interface VigilIntegrationTest {

}
