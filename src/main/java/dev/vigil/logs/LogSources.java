package dev.vigil.logs;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.vigil.NotFoundException;
import dev.vigil.auth.CurrentAdmin;
import dev.vigil.web.ApiException;

/**
 * The configured log sources; Vigil's own log is the default one.
 */
@Component
class LogSources {

	static final String OWN = "vigil";

	private final List<LogSource> sources;

	LogSources(LogFiles files) {
		this.sources = List.of(new LogSource(OWN, files, LogFormat.AUTO, null));
	}

	LogSource own() {
		return this.sources.get(0);
	}

	List<LogSource> all() {
		return this.sources;
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
	 * @throws ApiException 403 when the source needs a scope the admin lacks
	 */
	LogSource require(@Nullable String name, CurrentAdmin admin) {
		LogSource source = (name == null || name.isEmpty()) ? own()
				: find(name).orElseThrow(() -> new NotFoundException("unknown log source"));
		if (!mayRead(admin, source)) {
			throw new ApiException(HttpStatus.FORBIDDEN, "this log source needs the " + source.scope() + " scope");
		}
		return source;
	}

	static boolean mayRead(CurrentAdmin admin, LogSource source) {
		return source.scope() == null || admin.scopes().contains(source.scope());
	}

}
