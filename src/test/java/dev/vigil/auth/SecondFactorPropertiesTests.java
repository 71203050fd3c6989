package dev.vigil.auth;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class SecondFactorPropertiesTests {

	/** The README documents these environment variable names. */
	@Test
	void bindsFromTheDocumentedEnvironmentVariables() {
		SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				Map.of("VIGIL_AUTH_SECOND_FACTOR_RESET", "ann@example.com", "VIGIL_AUTH_SECOND_FACTOR_ISSUER",
						"Vigil (prod)", "VIGIL_AUTH_SECOND_FACTOR_MAX_FAILURES", "3"));
		SecondFactorProperties properties = new Binder(ConfigurationPropertySources.from(environment))
			.bindOrCreate("vigil.auth.second-factor", SecondFactorProperties.class);
		assertThat(properties.reset()).isEqualTo("ann@example.com");
		assertThat(properties.issuer()).isEqualTo("Vigil (prod)");
		assertThat(properties.maxFailures()).isEqualTo(3);
	}

	@Test
	void defaults() {
		SecondFactorProperties properties = new Binder(
				ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of())))
			.bindOrCreate("vigil.auth.second-factor", SecondFactorProperties.class);
		assertThat(properties.issuer()).isEqualTo("Vigil");
		assertThat(properties.maxFailures()).isEqualTo(5);
		assertThat(properties.reset()).isNull();
	}

}
