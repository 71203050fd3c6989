package dev.vigil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

class ModularityTests {

	/** Committed: the build runs in the project directory. */
	private static final Path DOCS = Path.of("docs", "modules");

	private static final ApplicationModules MODULES = ApplicationModules.of(VigilApplication.class);

	@Test
	void modulesOnlyUseEachOthersPublicApiAndTheirAllowedDependencies() {
		MODULES.verify();
	}

	/**
	 * Regenerates the module diagrams and canvases: a change to the module structure
	 * shows up as a diff in {@code docs/modules/}, and a rerun without one as none.
	 */
	@Test
	void writesTheModuleDocumentation() throws IOException {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS.toString())).writeDocumentation();
		try (Stream<Path> files = Files.list(DOCS)) {
			for (Path file : files.toList()) {
				Files.write(file, inStableOrder(Files.readAllLines(file)));
			}
		}
		assertThat(DOCS.resolve("components.puml")).content().contains("Notifications", "Admins");
	}

	@Test
	void sortsRunsOfDiagramElementsAndListItemsOnly() {
		assertThat(inStableOrder(List.of("@startuml", "  Component(b)", "  Component(a)", "", "Rel(d)", "Rel(c)",
				"|* `z`", "* `y`", "text", "* `x`")))
			.containsExactly("@startuml", "  Component(a)", "  Component(b)", "", "Rel(c)", "Rel(d)", "|* `y`", "* `z`",
					"text", "* `x`");
	}

	/**
	 * Modulith writes diagram elements and list items in hash order; sorted, their order
	 * no longer changes from run to run. A list that opens a table cell keeps the cell's
	 * {@code |} on its first line.
	 */
	static List<String> inStableOrder(List<String> lines) {
		List<String> result = new ArrayList<>(lines.size());
		List<String> run = new ArrayList<>();
		String runKind = null;
		for (String line : lines) {
			String kind = kind(line);
			if (kind == null || !kind.equals(runKind)) {
				flush(run, result);
				runKind = kind;
			}
			if (kind != null) {
				run.add(line);
			}
			else {
				result.add(line);
			}
		}
		flush(run, result);
		return result;
	}

	private static String kind(String line) {
		String indent = line.substring(0, line.length() - line.stripLeading().length());
		String text = line.stripLeading();
		if (text.startsWith("Component(") || text.startsWith("Rel(")) {
			return indent + text.substring(0, text.indexOf('('));
		}
		if (text.startsWith("* ") || text.startsWith("|* ")) {
			return indent + "*";
		}
		return null;
	}

	private static void flush(List<String> run, List<String> result) {
		if (run.isEmpty()) {
			return;
		}
		boolean cell = run.get(0).stripLeading().startsWith("|");
		List<String> sorted = run.stream().map((line) -> line.replaceFirst("^(\\s*)\\|", "$1")).sorted().toList();
		result.add(cell ? sorted.get(0).replaceFirst("^(\\s*)", "$1|") : sorted.get(0));
		result.addAll(sorted.subList(1, sorted.size()));
		run.clear();
	}

}
