package dev.vigil.logs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.InvalidRequestException;
import dev.vigil.NotFoundException;
import dev.vigil.auth.CurrentAdmin;
import dev.vigil.web.ApiException;

/**
 * Finding things in a log (scope {@code admin:logs}, enforced by the security chain, plus
 * the source's own scope): the entries around one entry, the position of a time, the
 * filtered download and the rate of entries over the last hour.
 */
@RestController
@RequestMapping({ "/api/admin/logs", "/api/v1/logs" })
class LogSearchController {

	static final int DEFAULT_CONTEXT = 20;

	private final LogSources sources;

	private final LogContext context;

	private final LogSeek seek;

	private final LogExport export;

	private final LogRate rate;

	LogSearchController(LogSources sources, LogContext context, LogSeek seek, LogExport export, LogRate rate) {
		this.sources = sources;
		this.context = context;
		this.seek = seek;
		this.export = export;
		this.rate = rate;
	}

	/**
	 * @param entries oldest first, embedded as is (each is already JSON)
	 * @param cursors one per entry
	 * @param target the index of the entry asked for
	 */
	record Context(String source, String file,
			@JsonRawValue @Schema(implementation = Map[].class,
					description = "The entries around the one asked for, oldest first, unfiltered") String entries,
			List<String> cursors, int target) {
	}

	/**
	 * @param before the offset to pass as the history's {@code before}, a string
	 */
	record Seek(String source, String file, String before) {
	}

	record Rate(String source, int bucketSeconds, Instant from, Instant to, List<LogRate.Bucket> buckets,
			boolean partial) {
	}

	/**
	 * The entries around the one a cursor names (a stream id, a history cursor), in the
	 * unfiltered file. 404 when that entry is no longer there.
	 */
	@GetMapping("/context")
	Context context(@AuthenticationPrincipal CurrentAdmin admin,
			@RequestParam(required = false) @Nullable String source, @RequestParam String cursor,
			@RequestParam(required = false) @Nullable String before,
			@RequestParam(required = false) @Nullable String after) throws IOException {
		LogSource found = this.sources.require(source, admin);
		LogCursor at = LogCursor.parse(cursor).orElseThrow(() -> new InvalidRequestException("invalid cursor"));
		LogContext.Around around = this.context.around(found, at, count("before", before), count("after", after));
		String entries = around.entries().stream().map(LogEntry::json).collect(Collectors.joining(",", "[", "]"));
		return new Context(found.name(), around.file(), entries, around.cursors(), around.target());
	}

	/**
	 * Where the history should start to show the entries written at or before {@code at}:
	 * list {@code file} with {@code before}.
	 */
	@GetMapping("/seek")
	Seek seek(@AuthenticationPrincipal CurrentAdmin admin, @RequestParam(required = false) @Nullable String source,
			@RequestParam String at) throws IOException {
		LogSource found = this.sources.require(source, admin);
		long time;
		try {
			time = Instant.parse(at.trim()).toEpochMilli();
		}
		catch (DateTimeParseException | ArithmeticException ex) {
			throw ApiException.invalid("at", "expected an ISO-8601 instant such as 2026-11-22T10:00:00Z");
		}
		LogSeek.Position position = this.seek.seek(found, time);
		return new Seek(found.name(), position.file(), Long.toString(position.before()));
	}

	/**
	 * The matching entries of one file (default: the live one) as written, oldest first,
	 * as a download. Filters as for the history.
	 */
	@GetMapping("/export")
	@ApiResponse(responseCode = "200", description = "The matching entries' text, one entry after the other",
			content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))
	void export(@AuthenticationPrincipal CurrentAdmin admin, @RequestParam(required = false) @Nullable String source,
			@RequestParam(required = false) @Nullable String file, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		LogSource found = this.sources.require(source, admin);
		LogFilter filter = LogFilter.from(request::getParameter);
		String name = (file == null || file.isEmpty()) ? found.files().liveName() : file;
		Path path = found.files().resolve(name);
		if (Files.exists(path) && !Files.isRegularFile(path)) {
			// A directory in its place: the configuration's to fix (409), not an empty
			// file.
			throw new FileSystemException(name, null, "not a regular file");
		}
		if (!Files.exists(path)) {
			if (!name.equals(found.files().liveName())) {
				throw new NotFoundException("log file not found");
			}
			// The live file is always expected: before its first line it is simply empty.
			attachment(response, found);
			return;
		}
		// Opened before the answer starts: a file Vigil may not read is a 409, not a 200.
		try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
			attachment(response, found);
			this.export.write(found, channel, filter, response.getOutputStream());
		}
	}

	private static void attachment(HttpServletResponse response, LogSource source) {
		response.setContentType("text/plain;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename(source.name() + "-filtered.log").build().toString());
	}

	/** Entries per minute by level over the last hour. */
	@GetMapping("/rate")
	Rate rate(@AuthenticationPrincipal CurrentAdmin admin, @RequestParam(required = false) @Nullable String source)
			throws IOException {
		LogSource found = this.sources.require(source, admin);
		LogRate.Rate rate = this.rate.rate(found, Instant.now());
		return new Rate(found.name(), (int) (LogRate.BUCKET_MILLIS / 1000), rate.from(), rate.to(), rate.buckets(),
				rate.partial());
	}

	private static int count(String name, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return DEFAULT_CONTEXT;
		}
		try {
			int n = Integer.parseInt(value.trim());
			if (n >= 0 && n <= LogContext.MAX) {
				return n;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw ApiException.invalid(name, "0 to " + LogContext.MAX + " entries");
	}

}
