package dev.vigil.logs;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.vigil.NotFoundException;
import dev.vigil.auth.CurrentAdmin;
import dev.vigil.auth.KnownLogSources;
import dev.vigil.auth.Scopes;
import dev.vigil.storage.DataDirectory;
import dev.vigil.web.ApiException;

/**
 * The log sources: Vigil's own log (the default one), its access log (unless it is
 * combined into the own log) and the configured {@code vigil.logs.sources}, validated at
 * startup so that a mistake stops the server with a message naming it.
 */
@Component
class LogSources implements KnownLogSources {

	static final String OWN = "vigil";

	static final String ACCESS = "access";

	/** The access log's live file, beside the own log. */
	static final String ACCESS_FILE = "access.log";

	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");

	private final List<LogSource> sources;

	@Autowired
	LogSources(LogsProperties properties, DataDirectory data) {
		this(properties, (properties.directory() != null) ? properties.directory() : data.logs());
	}

	LogSources(LogsProperties properties, Path directory) {
		List<LogSource> all = new ArrayList<>();
		all.add(new LogSource(OWN, LogFiles.own(directory, properties.file()), LogFormat.AUTO, null));
		if (properties.accessLog() == LogsProperties.AccessLog.SEPARATE) {
			all.add(new LogSource(ACCESS, LogFiles.own(directory, ACCESS_FILE), LogFormat.AUTO, null));
		}
		Set<String> names = new HashSet<>();
		all.forEach((source) -> names.add(source.name()));
		List<LogsProperties.Source> configured = properties.sourceList();
		for (int i = 0; i < configured.size(); i++) {
			LogSource source = source(i, configured.get(i));
			if (!names.add(source.name())) {
				throw invalid(i, "name", "'" + source.name() + "' is already used by another source"
						+ ((source.name().equals(OWN) || source.name().equals(ACCESS)) ? " (a built-in one)" : ""));
			}
			all.add(source);
		}
		List<LogFiles> files = all.stream().map(LogSource::files).toList();
		this.sources = all.stream()
			.map((source) -> new LogSource(source.name(), source.files().excluding(files), source.format(),
					source.scope()))
			.toList();
	}

	private static LogSource source(int i, LogsProperties.Source source) {
		String name = source.name();
		if (name == null || name.isBlank()) {
			throw invalid(i, "name", "is required");
		}
		if (!NAME.matcher(name).matches()) {
			throw invalid(i, "name",
					"'" + name + "' must be 1 to 40 lower-case letters, digits, '.', '_' or '-', starting with a"
							+ " letter or digit");
		}
		if (source.path() == null || source.path().toString().isBlank()) {
			throw invalid(i, "path", "is required (the live file of source '" + name + "')");
		}
		Path path = source.path().toAbsolutePath().normalize();
		if (path.getParent() == null || path.getFileName() == null) {
			throw invalid(i, "path", "'" + source.path() + "' is not a file path");
		}
		LogFormat format = LogFormat.from(source.format())
			.orElseThrow(
					() -> invalid(i, "format", "'" + source.format() + "' is not one of auto, json, logfmt, plain"));
		String scope = (source.scope() == null || source.scope().isBlank()) ? null : source.scope().trim();
		if (scope != null && !knownScopes().contains(scope)) {
			throw invalid(i, "scope",
					"'" + scope + "' is not a known scope (" + String.join(", ", knownScopes()) + ")");
		}
		LogFiles files;
		try {
			files = LogFiles.of(path, source.rotated());
		}
		catch (IllegalArgumentException ex) {
			throw invalid(i, "rotated", "'" + source.rotated() + "': " + ex.getMessage());
		}
		return new LogSource(name, files, format, scope);
	}

	private static IllegalStateException invalid(int i, String field, String message) {
		return new IllegalStateException("vigil.logs.sources[" + i + "]." + field + " " + message);
	}

	/** The scope constants of {@link Scopes}. */
	static Set<String> knownScopes() {
		Set<String> scopes = new TreeSet<>();
		for (Field field : Scopes.class.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
				try {
					scopes.add((String) field.get(null));
				}
				catch (IllegalAccessException ex) {
					// public: never
				}
			}
		}
		return scopes;
	}

	LogSource own() {
		return this.sources.get(0);
	}

	List<LogSource> all() {
		return this.sources;
	}

	@Override
	public Set<String> names() {
		Set<String> names = new java.util.LinkedHashSet<>();
		this.sources.forEach((source) -> names.add(source.name()));
		return names;
	}

	Optional<LogSource> find(String name) {
		return this.sources.stream().filter((source) -> source.name().equals(name)).findFirst();
	}

	/** The sources this admin may read, the own log first. */
	List<LogSource> readable(CurrentAdmin admin) {
		return this.sources.stream().filter((source) -> mayRead(admin, source)).toList();
	}

	/**
	 * The source a request names ({@code null} or empty: the own log).
	 * @throws NotFoundException for a name that is not configured
	 * @throws ApiException 403 when the source needs a scope the admin lacks, or the
	 * admin's role is limited to other sources (as for a source's own scope: the source
	 * exists, this admin may not read it)
	 */
	LogSource require(@Nullable String name, @Nullable CurrentAdmin admin) {
		LogSource source = (name == null || name.isEmpty()) ? own()
				: find(name).orElseThrow(() -> new NotFoundException("unknown log source"));
		if (!mayRead(admin, source)) {
			throw new ApiException(HttpStatus.FORBIDDEN,
					(admin != null && !admin.roleAllowsLogSource(source.name()))
							? "your role may not read this log source"
							: "this log source needs the " + source.scope() + " scope");
		}
		return source;
	}

	/**
	 * Whether this admin may read the source of this name ({@code null} or empty: the own
	 * log); false for an unknown one.
	 */
	boolean mayRead(@Nullable String name, CurrentAdmin admin) {
		Optional<LogSource> source = (name == null || name.isEmpty()) ? Optional.of(own()) : find(name);
		return source.isPresent() && mayRead(admin, source.get());
	}

	/**
	 * The one decision on reading a source, for REST, both stream transports and alert
	 * rules: its own scope, if it has one, and the sources the admin's role is limited
	 * to, if it is.
	 */
	static boolean mayRead(@Nullable CurrentAdmin admin, LogSource source) {
		if (admin != null && !admin.roleAllowsLogSource(source.name())) {
			return false;
		}
		return source.scope() == null || (admin != null && admin.scopes().contains(source.scope()));
	}

}
