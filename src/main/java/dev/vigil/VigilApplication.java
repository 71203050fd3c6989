package dev.vigil;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Vigil: one application module per direct sub-package, each naming the modules it uses
 * in its {@code package-info.java}; {@code web} is the shared kernel every module may use
 * (checked by {@code ModularityTests}, drawn in {@code docs/modules/}).
 */
@SpringBootApplication
@Modulithic(sharedModules = "web")
@ConfigurationPropertiesScan
@EnableScheduling
public class VigilApplication {

	/** One clock for every module, so tests can reason about time. */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	public static void main(String[] args) {
		SpringApplication.run(VigilApplication.class, args);
	}

}
