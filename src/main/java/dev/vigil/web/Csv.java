package dev.vigil.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * CSV exports: RFC 4180 quoting, a header row, and {@code <entity>-YYYYMMDD.csv} as
 * attachment. Cells starting with {@code = + - @}, TAB or CR are prefixed with a quote so
 * spreadsheets do not run them (a spreadsheet skips leading TABs and CRs before it looks
 * for a formula).
 */
public final class Csv {

	private Csv() {
	}

	public static ResponseEntity<byte[]> export(String entity, List<String> header, List<List<?>> rows) {
		String filename = entity + "-" + LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE)
				+ ".csv";
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(filename).build().toString())
			.body(render(header, rows).getBytes(StandardCharsets.UTF_8));
	}

	/** The same CSV into a file (export jobs). */
	public static void write(Path file, List<String> header, List<List<?>> rows) throws IOException {
		Files.writeString(file, render(header, rows), StandardCharsets.UTF_8);
	}

	private static String render(List<String> header, List<List<?>> rows) {
		StringBuilder out = new StringBuilder();
		appendRow(out, header);
		rows.forEach((row) -> appendRow(out, row));
		return out.toString();
	}

	private static void appendRow(StringBuilder out, List<?> row) {
		for (int i = 0; i < row.size(); i++) {
			if (i > 0) {
				out.append(',');
			}
			out.append(cell(row.get(i)));
		}
		out.append("\r\n");
	}

	static String cell(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		String s = value.toString();
		if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
			s = "'" + s;
		}
		if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
			s = '"' + s.replace("\"", "\"\"") + '"';
		}
		return s;
	}

}
