package dev.vigil.logs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.InvalidRequestException;
import dev.vigil.NotFoundException;
import dev.vigil.auth.CurrentAdmin;
import dev.vigil.web.ApiException;

/**
 * The log viewer's REST side (scope {@code admin:logs}, enforced by the security chain; a
 * source's own scope, here): the sources, each source's file list, history pages read
 * backwards with a byte-offset cursor, and downloads. {@code ?source=} names the source
 * (default: the own log). Live streaming lives elsewhere.
 */
@RestController
@RequestMapping({ "/api/admin/logs", "/api/v1/logs" })
class LogsController {

	static final int DEFAULT_LIMIT = 200;

	static final int MAX_LIMIT = 1000;

	/** Digits only: no sign, no spaces, and short enough to fit a long. */
	private static final Pattern CURSOR = Pattern.compile("\\d{1,18}");

	private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

	private final LogSources sources;

	private final LogHistory history;

	LogsController(LogSources sources, LogHistory history) {
		this.sources = sources;
		this.history = history;
	}

	record FileInfo(String name, long size, Instant modified) {
	}

	record FileList(List<FileInfo> files) {
	}

	/**
	 * One source as the viewer lists it.
	 *
	 * @param file the live file's name (paths stay on the server)
	 * @param status {@code live}, {@code waiting} (the file does not exist yet) or
	 * {@code unreadable}
	 * @param message why it is unreadable
	 */
	record SourceInfo(String name, String format, String file, String status,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String message, long size,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Instant modified) {
	}

	record SourceList(List<SourceInfo> sources) {
	}

	/**
	 * @param entries the entries as one JSON array, embedded as is: each is already JSON
	 * (the log line itself), so re-encoding it would only cost time
	 * @param next the cursor for the following page, a string so clients never round it
	 */
	record Page(String source,
			@JsonRawValue @Schema(implementation = Map[].class,
					description = "The log entries, newest first: each one JSON object with at least level and msg, "
							+ "and time when known (Vigil's own lines: time, level, msg, logger, thread, "
							+ "request_id and the line's other key-values)") String entries,
			@Schema(description = "Each entry's cursor (parallel to entries): permalinks and context") List<String> cursors,
			String file, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String next) {
	}

	/** The sources this admin may read, the own log first, with their files' status. */
	@GetMapping("/sources")
	SourceList sources(@AuthenticationPrincipal @Nullable CurrentAdmin admin) {
		List<SourceInfo> found = new ArrayList<>();
		for (LogSource source : (admin != null) ? this.sources.readable(admin)
				: this.sources.all().stream().filter((s) -> s.scope() == null).toList()) {
			LogFiles files = source.files();
			LogFiles.Status status = files.status();
			long size = 0;
			Instant modified = null;
			if (status == LogFiles.Status.LIVE) {
				try {
					BasicFileAttributes attributes = Files.readAttributes(files.live(), BasicFileAttributes.class);
					size = attributes.size();
					modified = attributes.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.MILLIS);
				}
				catch (NoSuchFileException ex) {
					status = LogFiles.Status.WAITING;
				}
				catch (IOException ex) {
					status = files.unreadable();
				}
			}
			found.add(new SourceInfo(source.name(), source.format().id(), files.liveName(), status.status(),
					status.message(), size, modified));
		}
		return new SourceList(found);
	}

	@GetMapping("/files")
	FileList files(@RequestParam(required = false) @Nullable String source,
			@AuthenticationPrincipal @Nullable CurrentAdmin admin) throws IOException {
		LogFiles files = this.sources.require(source, admin).files();
		List<FileInfo> found = new ArrayList<>();
		for (Path path : files.list()) {
			try {
				BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
				if (attributes.isRegularFile()) {
					found.add(new FileInfo(path.getFileName().toString(), attributes.size(),
							attributes.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.MILLIS)));
				}
			}
			catch (NoSuchFileException ex) {
				// removed by retention between listing and reading: not there any more
			}
		}
		String live = files.liveName();
		found.sort(Comparator.comparing(FileInfo::modified)
			.reversed()
			.thenComparing((file) -> !file.name().equals(live))
			.thenComparing(FileInfo::name, Comparator.reverseOrder()));
		return new FileList(found);
	}

	@GetMapping
	Page list(@RequestParam(required = false) @Nullable String source,
			@AuthenticationPrincipal @Nullable CurrentAdmin admin,
			@RequestParam(required = false) @Nullable String file,
			@RequestParam(required = false) @Nullable String level,
			@RequestParam(required = false) @Nullable String search,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String before, HttpServletRequest request) throws IOException {
		LogSource from = this.sources.require(source, admin);
		LogFiles files = from.files();
		String name = (file == null || file.isEmpty()) ? files.liveName() : file;
		Path path = files.resolve(name);
		Long cursor = null;
		if (before != null && !before.isEmpty()) {
			if (!CURSOR.matcher(before).matches()) {
				throw new InvalidRequestException("invalid cursor");
			}
			cursor = Long.parseLong(before);
		}
		int size = (limit == null || limit < 1) ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
		LogFilter filter = LogFilter.from(request::getParameter);
		LogHistory.Page page;
		// Read before the page: a rotation meanwhile makes the cursors name the file
		// read, renamed (identity survives renames), or none that exists any more.
		long identity = LogCursor.identity(path).orElse(-1L);
		try {
			page = this.history.page(path, EntryRules.of(from.format()), cursor, filter, size);
		}
		catch (NoSuchFileException ex) {
			if (!name.equals(files.liveName())) {
				throw new NotFoundException("log file not found");
			}
			// The live file is always expected: before its first line it is simply empty.
			if (cursor != null && cursor != 0) {
				throw new InvalidRequestException("invalid cursor");
			}
			page = new LogHistory.Page(List.of(), null);
		}
		String entries = page.lines()
			.stream()
			.map((line) -> line.entry().json())
			.collect(Collectors.joining(",", "[", "]"));
		List<String> cursors = page.lines()
			.stream()
			.map((line) -> new LogCursor(identity, line.endOffset()).toString())
			.toList();
		return new Page(from.name(), entries, cursors, name, (page.next() != null) ? page.next().toString() : null);
	}

	/**
	 * The file as it is on disk, streamed (never loaded into memory); {@code Range}
	 * resumes a download. A range the file cannot satisfy is refused here: Spring would
	 * answer its 416 with the whole file.
	 */
	@GetMapping("/files/{name}")
	ResponseEntity<Resource> download(@PathVariable String name,
			@RequestParam(required = false) @Nullable String source,
			@AuthenticationPrincipal @Nullable CurrentAdmin admin,
			@RequestHeader(name = HttpHeaders.RANGE, required = false) @Nullable String range,
			HttpServletResponse response) throws IOException {
		Path path = this.sources.require(source, admin).files().resolve(name);
		if (!Files.isRegularFile(path)) {
			throw new NotFoundException("log file not found");
		}
		Resource file = new FileSystemResource(path);
		if (range != null && !satisfiable(range, file)) {
			response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + file.contentLength());
			throw new ApiException(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "range not satisfiable");
		}
		return ResponseEntity.ok()
			.contentType(TEXT)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
			.body(file);
	}

	private static boolean satisfiable(String range, Resource file) {
		try {
			HttpRange.toResourceRegions(HttpRange.parseRanges(range), file);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
