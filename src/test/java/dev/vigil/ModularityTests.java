package dev.vigil;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

	private static final ApplicationModules MODULES = ApplicationModules.of(VigilApplication.class);

	@Test
	void modulesOnlyUseEachOthersPublicApiAndTheirAllowedDependencies() {
		MODULES.verify();
	}

	/**
	 * Regenerates {@code docs/modules/} (the build runs in the project directory): a
	 * change to the module structure shows up as a diff there.
	 */
	@Test
	void writesTheModuleDocumentation() {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/modules")).writeDocumentation();
	}

}
