package dev.vigil.logs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import dev.vigil.InvalidRequestException;
import dev.vigil.NotFoundException;
import dev.vigil.auth.CurrentAdmin;
import dev.vigil.auth.Scopes;
import dev.vigil.web.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Sources as configured: the built-ins, validation at startup, the environment form
 * README shows, and which file names each source serves.
 */
class LogSourcesTests {

	@TempDir
	Path dir;

	@Test
	void theEnvironmentExampleOfTheReadmeBinds() {
		Map<String, Object> env = new HashMap<>();
		env.put("VIGIL_LOGS_SOURCES_0_NAME", "nginx");
		env.put("VIGIL_LOGS_SOURCES_0_PATH", "/var/log/nginx/access.log");
		env.put("VIGIL_LOGS_SOURCES_0_ROTATED", "access.log.*");
		env.put("VIGIL_LOGS_SOURCES_1_NAME", "app");
		env.put("VIGIL_LOGS_SOURCES_1_PATH", "/srv/app/app.log");
		env.put("VIGIL_LOGS_SOURCES_1_FORMAT", "plain");
		env.put("VIGIL_LOGS_SOURCES_1_SCOPE", "admin:audit");
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					env));
		LogsProperties properties = Binder.get(environment).bindOrCreate("vigil.logs", LogsProperties.class);

		assertThat(properties.sourceList()).hasSize(2);
		LogsProperties.Source nginx = properties.sourceList().get(0);
		assertThat(nginx.name()).isEqualTo("nginx");
		assertThat(nginx.path()).isEqualTo(Path.of("/var/log/nginx/access.log"));
		assertThat(nginx.rotated()).isEqualTo("access.log.*");
		assertThat(nginx.format()).isEqualTo("auto");
		LogsProperties.Source app = properties.sourceList().get(1);
		assertThat(app.format()).isEqualTo("plain");
		assertThat(app.scope()).isEqualTo("admin:audit");

		LogSources sources = new LogSources(properties, this.dir);
		assertThat(sources.all()).extracting(LogSource::name).containsExactly("vigil", "access", "nginx", "app");
		assertThat(sources.find("nginx").orElseThrow().files().live()).isEqualTo(Path.of("/var/log/nginx/access.log"));
		assertThat(sources.find("app").orElseThrow().format()).isEqualTo(LogFormat.PLAIN);
	}

	@Test
	void theOwnLogIsTheDefaultAndTheAccessLogASourceUnlessCombined() {
		LogSources sources = new LogSources(properties(LogsProperties.AccessLog.SEPARATE), this.dir);
		assertThat(sources.own().name()).isEqualTo("vigil");
		assertThat(sources.own().files().live()).isEqualTo(this.dir.resolve("vigil.log"));
		assertThat(sources.find("access").orElseThrow().files().live()).isEqualTo(this.dir.resolve("access.log"));
		assertThat(sources.require(null, admin()).name()).isEqualTo("vigil");
		assertThat(sources.require("", admin()).name()).isEqualTo("vigil");

		LogSources combined = new LogSources(properties(LogsProperties.AccessLog.COMBINED), this.dir);
		assertThat(combined.all()).extracting(LogSource::name).containsExactly("vigil");
	}

	@Test
	void badConfigurationStopsTheStartWithAMessageNamingIt() {
		assertThatIllegalStateException().isThrownBy(() -> sources(source("Bad Name", "/x/a.log", null, "auto", null)))
			.withMessageStartingWith("vigil.logs.sources[0].name 'Bad Name' must be 1 to 40 lower-case letters");
		assertThatIllegalStateException().isThrownBy(() -> sources(source(null, "/x/a.log", null, "auto", null)))
			.withMessage("vigil.logs.sources[0].name is required");
		assertThatIllegalStateException()
			.isThrownBy(() -> sources(source("app", "/x/a.log", null, "auto", null),
					source("app", "/x/b.log", null, "auto", null)))
			.withMessage("vigil.logs.sources[1].name 'app' is already used by another source");
		assertThatIllegalStateException().isThrownBy(() -> sources(source("vigil", "/x/a.log", null, "auto", null)))
			.withMessage("vigil.logs.sources[0].name 'vigil' is already used by another source (a built-in one)");
		assertThatIllegalStateException().isThrownBy(() -> sources(source("app", "/x/a.log", null, "xml", null)))
			.withMessage("vigil.logs.sources[0].format 'xml' is not one of auto, json, logfmt, plain");
		assertThatIllegalStateException()
			.isThrownBy(() -> sources(source("app", "/x/a.log", null, "auto", "admin:everything")))
			.withMessageStartingWith("vigil.logs.sources[0].scope 'admin:everything' is not a known scope (")
			.withMessageContaining(Scopes.AUDIT);
		assertThatIllegalStateException().isThrownBy(() -> sources(source("app", null, null, "auto", null)))
			.withMessage("vigil.logs.sources[0].path is required (the live file of source 'app')");
		assertThatIllegalStateException().isThrownBy(() -> sources(source("app", "/x/a.log", "../etc/*", "auto", null)))
			.withMessageStartingWith("vigil.logs.sources[0].rotated '../etc/*': ");
	}

	@Test
	void aSourceScopeIsNeededOnTopOfReadingLogs() {
		LogSources sources = sources(source("secret", "/x/a.log", null, "json", Scopes.AUDIT));
		CurrentAdmin viewer = new CurrentAdmin(1, "s", "viewer", List.of(Scopes.LOGS), null);
		CurrentAdmin auditor = new CurrentAdmin(2, "s", "admin", List.of(Scopes.LOGS, Scopes.AUDIT), null);
		assertThat(sources.readable(viewer)).extracting(LogSource::name).containsExactly("vigil", "access");
		assertThat(sources.readable(auditor)).extracting(LogSource::name).containsExactly("vigil", "access", "secret");
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> sources.require("secret", viewer))
			.withMessage("this log source needs the admin:audit scope");
		assertThat(sources.require("secret", auditor).format()).isEqualTo(LogFormat.JSON);
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> sources.require("nope", auditor));
	}

	@Test
	void aRoleLimitedToSomeSourcesReadsOnlyThoseAndTheirScopesStillApply() {
		LogSources sources = sources(source("app", "/x/a.log", null, "plain", null),
				source("secret", "/x/s.log", null, "json", Scopes.AUDIT));
		CurrentAdmin limited = new CurrentAdmin(1, "s", "app-team", List.of(Scopes.LOGS), Set.of("app", "secret"));
		assertThat(sources.readable(limited)).extracting(LogSource::name).containsExactly("app");
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> sources.require(null, limited))
			.withMessage("your role may not read this log source");
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> sources.require("secret", limited))
			.withMessage("this log source needs the admin:audit scope");
		assertThat(sources.require("app", limited).name()).isEqualTo("app");
		assertThat(sources.mayRead("app", limited)).isTrue();
		assertThat(sources.mayRead("", limited)).as("the own log").isFalse();
		assertThat(sources.mayRead("nope", limited)).isFalse();
		assertThat(sources.names()).containsExactly("vigil", "access", "app", "secret");
	}

	@Test
	void eachSourceServesItsLiveFileAndRotatedNamesOnly() {
		LogFiles own = LogFiles.own(this.dir, "vigil.log");
		assertThat(own.isOurs("vigil.log")).isTrue();
		assertThat(own.isOurs("vigil-2026-11-22.0.log")).isTrue();
		assertThat(own.isOurs("access.log")).isFalse();
		assertThat(own.isOurs("vigil-x.log")).isFalse();

		LogFiles nginx = LogFiles.of(this.dir.resolve("access.log"), "access.log.*");
		assertThat(nginx.isOurs("access.log")).isTrue();
		assertThat(nginx.isOurs("access.log.1")).isTrue();
		assertThat(nginx.isOurs("access.log.2.gz")).as("compressed: not lines").isFalse();
		assertThat(nginx.isOurs("error.log")).isFalse();

		LogFiles defaults = LogFiles.of(this.dir.resolve("app.log"), null);
		assertThat(defaults.isOurs("app.log")).isTrue();
		assertThat(defaults.isOurs("app-2026-11-22.log")).isTrue();
		assertThat(defaults.isOurs("app.log.1")).isTrue();
		assertThat(defaults.isOurs("app.log.old")).isFalse();
		assertThat(defaults.isOurs("other.log")).isFalse();

		for (String trick : List.of("../access.log", "/etc/passwd", "access.log/..", "..", "a\\b", "access.log\0")) {
			assertThatExceptionOfType(InvalidRequestException.class).as(trick).isThrownBy(() -> nginx.resolve(trick));
		}
		assertThat(nginx.resolve("access.log.1")).isEqualTo(this.dir.resolve("access.log.1"));
	}

	@Test
	void aLooseRotatedPatternDoesNotServeAnotherSourcesFiles() {
		String app = this.dir.resolve("app.log").toString();
		String audit = this.dir.resolve("app-audit.log").toString();
		LogSources sources = sources(source("app", app, null, "auto", null),
				source("app-audit", audit, null, "auto", Scopes.AUDIT));
		LogFiles files = sources.find("app").orElseThrow().files();
		assertThat(files.isOurs("app-2026-11-22.log")).isTrue();
		assertThat(files.isOurs("app-audit.log")).as("the other source's live file").isFalse();
		assertThat(files.isOurs("app-audit-2026-11-22.log")).as("the other source's rotated file").isFalse();
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> files.resolve("app-audit.log"));
		assertThat(sources.find("app-audit").orElseThrow().files().isOurs("app-audit-2026-11-22.log")).isTrue();
	}

	private LogSources sources(LogsProperties.Source... sources) {
		return new LogSources(new LogsProperties(null, "vigil.log", DataSize.ofKilobytes(64), Duration.ofMillis(250),
				100, 1000, DataSize.ofMegabytes(64), Duration.ofMillis(500), LogsProperties.AccessLog.SEPARATE,
				List.of(sources), Duration.ofSeconds(10)), this.dir);
	}

	private static LogsProperties.Source source(String name, String path, String rotated, String format, String scope) {
		return new LogsProperties.Source(name, (path != null) ? Path.of(path) : null, rotated, format, scope);
	}

	private static LogsProperties properties(LogsProperties.AccessLog accessLog) {
		return new LogsProperties(null, "vigil.log", DataSize.ofKilobytes(64), Duration.ofMillis(250), 100, 1000,
				DataSize.ofMegabytes(64), Duration.ofMillis(500), accessLog, null, Duration.ofSeconds(10));
	}

	private static CurrentAdmin admin() {
		return new CurrentAdmin(1, "s", "viewer", List.of(Scopes.LOGS), null);
	}

}
