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
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.InvalidRequestException;
import dev.vigil.NotFoundException;
import dev.vigil.web.ApiException;

/**
 * The log viewer's REST side (scope {@code admin:logs}, enforced by the security chain):
 * the file list, history pages read backwards with a byte-offset cursor, and downloads.
 * Live streaming lives elsewhere.
 */
@RestController
@RequestMapping({ "/api/admin/logs", "/api/v1/logs" })
class LogsController {

	static final int DEFAULT_LIMIT = 200;

	static final int MAX_LIMIT = 1000;

	/** Digits only: no sign, no spaces, and short enough to fit a long. */
	private static final Pattern CURSOR = Pattern.compile("\\d{1,18}");

	private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

	private final LogFiles files;

	private final LogHistory history;

	LogsController(LogFiles files, LogHistory history) {
		this.files = files;
		this.history = history;
	}

	record FileInfo(String name, long size, Instant modified) {
	}

	record FileList(List<FileInfo> files) {
	}

	/**
	 * @param entries the entries as one JSON array, embedded as is: each is already JSON
	 * (the log line itself), so re-encoding it would only cost time
	 * @param next the cursor for the following page, a string so clients never round it
	 */
	record Page(@JsonRawValue String entries, String file,
			@JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String next) {
	}

	@GetMapping("/files")
	FileList files() throws IOException {
		List<FileInfo> found = new ArrayList<>();
		for (Path path : this.files.list()) {
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
		String live = this.files.liveName();
		found.sort(Comparator.comparing(FileInfo::modified)
			.reversed()
			.thenComparing((file) -> !file.name().equals(live))
			.thenComparing(FileInfo::name, Comparator.reverseOrder()));
		return new FileList(found);
	}

	@GetMapping
	Page list(@RequestParam(required = false) @Nullable String file,
			@RequestParam(required = false) @Nullable String level,
			@RequestParam(required = false) @Nullable String search,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String before) throws IOException {
		String name = (file == null || file.isEmpty()) ? this.files.liveName() : file;
		Path path = this.files.resolve(name);
		Long cursor = null;
		if (before != null && !before.isEmpty()) {
			if (!CURSOR.matcher(before).matches()) {
				throw new InvalidRequestException("invalid cursor");
			}
			cursor = Long.parseLong(before);
		}
		int size = (limit == null || limit < 1) ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
		LogHistory.Page page;
		try {
			page = this.history.page(path, cursor, LogFilter.of(level, search), size);
		}
		catch (NoSuchFileException ex) {
			if (!name.equals(this.files.liveName())) {
				throw new NotFoundException("log file not found");
			}
			// The live file is always expected: before its first line it is simply empty.
			if (cursor != null && cursor != 0) {
				throw new InvalidRequestException("invalid cursor");
			}
			page = new LogHistory.Page(List.of(), null);
		}
		String entries = page.entries().stream().map(LogEntry::json).collect(Collectors.joining(",", "[", "]"));
		return new Page(entries, name, (page.next() != null) ? page.next().toString() : null);
	}

	/**
	 * The file as it is on disk, streamed (never loaded into memory); {@code Range}
	 * resumes a download. A range the file cannot satisfy is refused here: Spring would
	 * answer its 416 with the whole file.
	 */
	@GetMapping("/files/{name}")
	ResponseEntity<Resource> download(@PathVariable String name,
			@RequestHeader(name = HttpHeaders.RANGE, required = false) @Nullable String range,
			HttpServletResponse response) throws IOException {
		Path path = this.files.resolve(name);
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
