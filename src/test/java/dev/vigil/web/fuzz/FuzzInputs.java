package dev.vigil.web.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The hostile values the fuzz tests send: for path variables, query parameters, JSON
 * fields and whole bodies, content types, headers and cookies. Values are plain data;
 * where they go and how they are encoded is up to the test. None contains a string the
 * tests look for as a leak of internals (a class or package name, SQL, a file path), so
 * an echoed input is never mistaken for one.
 */
final class FuzzInputs {

	/**
	 * Every random draw of a run comes from this seed: {@code -Dvigil.fuzz.seed=<n>}
	 * replays one.
	 */
	static final long SEED = Long.getLong("vigil.fuzz.seed", 20261201L);

	private FuzzInputs() {
	}

	/**
	 * Decoded values for query parameters (the test percent-encodes them, so they reach
	 * the application).
	 */
	static final List<String> QUERY_VALUES = List.of("", " ", "-1", "0", "1", "-2147483649", "2147483648",
			"9223372036854775807", "9223372036854775808", "-9223372036854775809", "99999999999999999999999999", "1e309",
			"-1e309", "NaN", "Infinity", "0x1F", "1.5", "1,2", "true", "yes", "null", "undefined", "[]", "{}", "abc",
			"\u0000", "a\u0000b", "\r\nX-Injected: 1", "'", "\"", "' OR '1'='1", "1; DROP TABLE admins; --",
			"<script>alert(1)</script>", "${jndi:ldap://x/a}", "../../../../etc/passwd", "..\\..\\windows", "%", "%00",
			"%zz", "\uFFFF", "\uD83D\uDE00", "\u202E", "\uD800", "\u00e4".repeat(1000), "x".repeat(3000),
			"2026-13-45T25:61:61Z", "9999-12-31T23:59:59Z", "+1000000000-01-01T00:00:00Z",
			"-1000000000-01-01T00:00:00Z", "2026-01-01", "1-1", "0-0", "-1-1", "99999999999999999999-1",
			"1-99999999999999999999", "id;DELETE", "ID", "created_at desc", "enqueued ", "FAILED", "deleted", "ASC",
			"desc;", "error,warn", "debug,info,,,unknown");

	/**
	 * Query values written into the request target as they are (broken percent-encoding,
	 * characters HTTP forbids).
	 */
	static final List<String> RAW_QUERY_VALUES = List.of("%", "%0", "%zz", "%00", "%C3%28", "%FF%FE", "%E2%82", "a=b=c",
			"&&&", "=", "+", "%2B", ";jsessionid=1", "a%", "\u00e4", "{", "|", "\"", "<", "^", "`", "\\", "%u0041",
			"%%%");

	/** Few values for the parameters every route is tried with, declared or not. */
	static final List<String> COMMON_QUERY_VALUES = List.of("-1", "\u0000", "x".repeat(3000));

	/**
	 * Parameter names every route gets (the stream endpoints read some without declaring
	 * them).
	 */
	static final List<String> COMMON_QUERY_NAMES = List.of("since", "level", "search", "backlog", "limit", "offset",
			"sort", "order");

	/** Decoded values for path variables (percent-encoded by the test). */
	static final List<String> PATH_VALUES = List.of("-1", "0", "-0", "9223372036854775807", "9223372036854775808",
			"-9223372036854775809", "99999999999999999999999", "1.5", "1e3", "0x10", "abc", "null", "undefined", " ",
			"\u0000", "..", ".", "a/b", "a\\b", "x".repeat(4000), "\uD83D\uDE00", "\u00e4", "\u202E", "\uFFFF", "'",
			"\"", "<script>", "' OR 1=1 --", ";", "a;b=c", "%", "*", "~", "$", "{}",
			"00000000-0000-0000-0000-000000000000", "not-a-uuid", "ffffffff-ffff-ffff-ffff-fffffffffffff",
			"vigil-20261201-000000-000.db", "vigil.log", "vigil.log.", "VIGIL.LOG", "vigil.log/../vigil.log",
			"signing.key", "../vigil.db", "CON", "nul");

	/**
	 * Path variable values written as they are: encoded slashes, double encoding, NUL,
	 * overlong UTF-8.
	 */
	static final List<String> RAW_PATH_VALUES = List.of("..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e", "%252e%252e%252f",
			"%c0%ae%c0%ae%c0%af", "%00", "%ff", "%", "%zz", "..%5c..%5c", "%2F", "%5C", "..;", "a;jsessionid=1", ".%2e",
			"%u002e", "%e2%80%ae", "\u00e9");

	/** JSON literals for a single field: wrong types, edge numbers, hostile strings. */
	static List<String> fieldValues() {
		return List.of("null", "true", "false", "0", "-1", "1", "1.5", "-0.0", "1e400", "-1e400", "9223372036854775808",
				"-9223372036854775809", "123456789012345678901234567890", "9".repeat(5000), "\"\"", "\" \"",
				"\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"\uD83D\uDE00\"", "\"\u202E\"",
				"\"" + "a".repeat(100_000) + "\"", "\"<script>\"", "\"' OR 1=1 --\"", "\"${jndi:ldap://x/a}\"",
				"\"../../etc/passwd\"", "[]", "[1,\"a\",null]", "{}", "{\"a\":{\"b\":[]}}",
				"[".repeat(2000) + "]".repeat(2000), "\"2026-99-99\"", "NaN", "-", "\"\\x41\"", "'single'",
				"\"unterminated", "01", "+1", ".5", "1.", "0x10", "\"a\"\"b\"",
				// Past bcrypt's 72 bytes (in characters, or only in UTF-8 bytes), and
				// control characters.
				"\"" + "p".repeat(100) + "\"", "\"" + "\u00e4".repeat(40) + "\"",
				"\"" + "\uD83D\uDE00".repeat(19) + "\"", "\"pass\\u0001\\u0007\\u001f\\u007f\\t\\r\\nword\"");
	}

	/** Values for the {@code ids} list of bulk endpoints. */
	static List<String> idsValues() {
		StringBuilder many = new StringBuilder("[");
		for (int i = 0; i < 10_000; i++) {
			many.append((i > 0) ? "," : "").append(i + 1_000_000);
		}
		StringBuilder justOver = new StringBuilder("[");
		for (int i = 0; i < 101; i++) {
			justOver.append((i > 0) ? "," : "").append(i + 1_000_000);
		}
		return List.of("[]", "[null]", "null", "\"1\"", "{}", "[[1]]", "[{}]", "[true]", "[1.5]", "[-1]", "[\"x\"]",
				"[\"" + "a".repeat(10_000) + "\"]", justOver.append(']').toString(), many.append(']').toString(),
				"[9223372036854775808]", "[\"00000000-0000-0000-0000-000000000000\"]",
				"[\"zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz\"]", "[1,1,1]", "[\"\\u0000\"]");
	}

	/**
	 * Whole bodies derived from a valid one: malformed, truncated, deep, huge, badly
	 * encoded.
	 */
	static List<byte[]> bodies(String valid, Random random) {
		List<byte[]> bodies = new ArrayList<>();
		for (String text : List.of("", " ", "{", "}", "[", "]", "nul", "null", "true", "1", "\"s\"", "[]", "{}", "[{}]",
				"{a:1}", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "{'a':'b'}", "\u0000\u0000\u0000\u0000")) {
			bodies.add(utf8(text));
		}
		for (int i = 1; i <= 8; i++) {
			bodies.add(utf8(valid.substring(0, Math.max(1, valid.length() * i / 9))));
		}
		bodies.add(utf8(valid + "}"));
		bodies.add(utf8(valid + "garbage"));
		bodies.add(utf8(valid + valid));
		bodies.add(utf8("/* comment */" + valid));
		bodies.add(utf8(valid.replace('"', '\'')));
		bodies.add(utf8(valid.replaceFirst("\\{", "{\"" + "k".repeat(100_000) + "\":1,")));
		bodies.add(utf8(valid.replaceFirst("\\{", "{\"unknown_field\":{\"x\":[1,2,3]},")));
		bodies.add(utf8("{" + "\"k\":1,".repeat(50_000) + "\"k\":1}"));
		StringBuilder keys = new StringBuilder("{");
		for (int i = 0; i < 20_000; i++) {
			keys.append("\"k").append(i).append("\":1,");
		}
		bodies.add(utf8(keys.append("\"end\":1}").toString()));
		bodies.add(utf8("[".repeat(100_000) + "]".repeat(100_000)));
		bodies.add(utf8("{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000)));
		bodies.add(utf8("[".repeat(100_000)));
		bodies.add(utf8(valid.replaceFirst("\\{", "{\"deep\":" + "[".repeat(100_000) + "]".repeat(100_000) + ",")));
		for (byte[] bad : List.of(bytes(0xC3, 0x28), bytes(0xFF, 0xFE), bytes(0xED, 0xA0, 0x80),
				bytes(0xF4, 0x90, 0x80, 0x80), bytes(0xC0, 0xAF), bytes(0x80), bytes(0xE2, 0x82))) {
			bodies.add(withInvalidUtf8(valid, bad));
		}
		bodies.add(concat(bytes(0xEF, 0xBB, 0xBF), utf8(valid)));
		bodies.add(concat(bytes(0xFF, 0xFE), valid.getBytes(StandardCharsets.UTF_16LE)));
		bodies.add(valid.getBytes(StandardCharsets.UTF_16BE));
		bodies.add(utf8(valid.substring(0, valid.length() / 2) + "\u0000" + valid.substring(valid.length() / 2)));
		byte[] noise = new byte[1000];
		random.nextBytes(noise);
		bodies.add(noise);
		bodies.add(utf8(valid.replaceFirst(":\"[^\"]*\"", ":\"" + "b".repeat(1_900_000) + "\"")));
		return bodies;
	}

	/**
	 * Content types sent with an otherwise valid body; null means no Content-Type header
	 * at all.
	 */
	static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
			"application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "multipart/form-data",
			"multipart/mixed; boundary=\"", "application/json; charset=UTF-16", "application/json; charset=nope",
			"application/json; charset=", "application/json; charset=\"utf-8", "garbage", "application/", "/json",
			"*/*", "application/*", "application/json, text/plain", "application/json;" + "a=b;".repeat(500),
			"text/event-stream", "application/problem+json", "application/merge-patch+json", "APPLICATION/JSON",
			"application/json;q=abc", "application/json; charset=ISO-8859-1", "application/json; boundary=\u00ff");

	/**
	 * Single request headers with hostile values (name, value; values are sent as
	 * ISO-8859-1 bytes).
	 */
	static List<String[]> headers() {
		List<String[]> headers = new ArrayList<>();
		for (String accept : List.of("garbage", "*/*;q=abc", "text/html", "application/xml", "application/json;q=0", "",
				"/", ";", "*/*, " + "a/b,".repeat(1000), "text/event-stream", "application/problem+json", "image/png",
				"text/event-stream;q=0")) {
			headers.add(new String[] { "Accept", accept });
		}
		for (String range : List.of("bytes=abc", "bytes=5-1", "bytes=-0", "bytes=" + "0-0,".repeat(500) + "0-0",
				"bytes=99999999999999999999-", "items=0-1", "bytes=", "bytes=0-1,-1,5-")) {
			headers.add(new String[] { "Range", range });
		}
		for (String origin : List.of("null", "http://evil.example", "garbage", "http://localhost:1", "\u00ff\u00fe",
				"http://" + "a".repeat(3000))) {
			headers.add(new String[] { "Origin", origin });
		}
		for (String id : List.of("-1", "abc", "99999999999999999999", "1-2-3", "0-0", "99999999999999999999-1",
				"\u00e9\u00e9", " ", "x".repeat(5000), "9223372036854775807", "1e3")) {
			headers.add(new String[] { "Last-Event-ID", id });
		}
		for (String forwarded : List.of("garbage", "1.1.1.1, , ,", "::::::", "x".repeat(3000))) {
			headers.add(new String[] { "X-Forwarded-For", forwarded });
		}
		headers.add(new String[] { "X-Request-ID", "x".repeat(5000) });
		headers.add(new String[] { "X-Request-ID", "\u00ff\u00fe" });
		headers.add(new String[] { "Authorization", "Bearer garbage" });
		headers.add(new String[] { "Authorization", "Basic !!!" });
		headers.add(new String[] { "If-Modified-Since", "garbage" });
		headers.add(new String[] { "If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT" });
		headers.add(new String[] { "If-None-Match", "*" });
		headers.add(new String[] { "If-Range", "garbage" });
		headers.add(new String[] { "Accept-Encoding", "gzip;q=abc" });
		headers.add(new String[] { "Accept-Encoding", "garbage, br, zstd, *;q=0" });
		headers.add(new String[] { "Accept-Language", "xx-YY;q=abc, \u00ff" });
		headers.add(new String[] { "Accept-Charset", "garbage" });
		headers.add(new String[] { "Content-Type", "garbage" });
		headers.add(new String[] { "Content-Length", "abc" });
		headers.add(new String[] { "Content-Length", "-1" });
		headers.add(new String[] { "Transfer-Encoding", "garbage" });
		headers.add(new String[] { "User-Agent", "x".repeat(6000) });
		headers.add(new String[] { "User-Agent", "\u00ff\u00fe\u0001" });
		headers.add(new String[] { "X-Big", "x".repeat(20_000) });
		headers.add(new String[] { "Bad Header", "x" });
		headers.add(new String[] { "X-\u00ff", "x" });
		headers.add(new String[] { "X-Fold", "a\r\n b" });
		headers.add(new String[] { "X-Nul", "a\u0000b" });
		headers.add(new String[] { "Upgrade", "websocket" });
		headers.add(new String[] { "Upgrade", "h2c" });
		headers.add(new String[] { "X-HTTP-Method-Override", "DELETE" });
		return headers;
	}

	/**
	 * Cookie header values. Placeholders are filled in by the test with the fuzzing
	 * admin's real tokens: {@code {{access}}}, {@code {{refresh}}}, {@code {{xsrf}}},
	 * {@code {{access-tampered}}}.
	 */
	static List<String> cookies(List<String> forgedTokens) {
		List<String> cookies = new ArrayList<>(List.of("", "garbage", "=", ";;;", "access_token=",
				"access_token=garbage", "access_token=a.b.c", "access_token={{access-tampered}}",
				"access_token={{access}}x", "access_token=\"{{access}}\"", "access_token=" + "A".repeat(7000),
				"access_token={{access}}; access_token=garbage", "access_token=garbage; access_token={{access}}",
				"access_token=eyJhbGciOiJIUzI1NiJ9..", "access_token=" + "e30.".repeat(3) + "e30",
				"access_token=\u00ff\u00fe", "refresh_token=garbage; access_token={{access}}",
				"refresh_token=" + "0".repeat(64), "refresh_token={{refresh}}; refresh_token={{refresh}}",
				"access_token={{access}}; XSRF-TOKEN=garbage", "\u0001=\u0002",
				"$Version=1; access_token={{access}}; $Path=/", "access_token={{access}},other=1", "a=b; =c; d",
				"\u00e4=1", "access_token = {{access}}", "access_token={{access}}; " + "c=v; ".repeat(300),
				"c=" + "v".repeat(9000)));
		for (String token : forgedTokens) {
			cookies.add("access_token=" + token);
		}
		return cookies;
	}

	/**
	 * Whole requests Tomcat must refuse (or survive) before any application code runs;
	 * {@code %d}: the port.
	 */
	static List<String> rawRequests() {
		return List.of("GET /api/admin/profile HTTP/1.1\r\n\r\n", "GET /api/admin/profile HTTP/1.0\r\n\r\n",
				"GET /api/admin/profile HTTP/2.0\r\nHost: localhost\r\n\r\n",
				"GET /api/admin/profile HTTP/9.9\r\nHost: localhost\r\n\r\n",
				"GET  /api/admin/profile HTTP/1.1\r\nHost: localhost\r\n\r\n", "GET /api/admin/profile\r\n\r\n",
				"GARBAGE\r\n\r\n", "\r\n\r\n\r\n",
				"GET http://evil.example/api/admin/profile HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"GET /api/admin/profile HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n",
				"GET /api/admin/profile HTTP/1.1\r\nHost: [::1\r\nConnection: close\r\n\r\n",
				"GET /api/admin/profile HTTP/1.1\r\nHost: localhost\r\nHost: \r\nConnection: close\r\n\r\n",
				"GET /api/admin/profile HTTP/1.1\nHost: localhost\nConnection: close\n\n",
				"POST /api/admin/auth/login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
				"POST /api/admin/auth/login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
				"POST /api/admin/auth/login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
				"POST /api/admin/auth/login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n",
				"POST /api/admin/auth/login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n",
				"GET /api/admin/\u00e9 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"GET /api/admin/profile?\u0001 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"GET /api/admin/profile#frag HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"GET /api/admin/../../etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"GET /api/admin/profile;jsessionid=x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"GET /api//admin//profile HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"GET /api/admin/profile/. HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"GET /api/admin/%2e%2e/admins HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"GET /api/admin/admins%2f1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"GET /api/admin/admins%5c1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"GET /api/admin/admins/1%00 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"GET /api/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"GET /api/admin/profile HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + "X-H: v\r\n".repeat(150)
						+ "\r\n",
				"GET /api/admin/profile HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n: empty-name\r\n\r\n",
				"GET /api/admin/profile HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nNoColon\r\n\r\n",
				"GET /api/admin/profile HTTP/1.1\r\n Host: localhost\r\nConnection: close\r\n\r\n",
				"get /api/admin/profile HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"G\u00c9T /api/admin/profile HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
				"GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n",
				"GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nExpect: garbage\r\n\r\n",
				"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	/** The body as chunked transfer coding, in chunks of 64 KB. */
	static byte[] chunked(byte[] body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i < body.length; i += 65536) {
			int n = Math.min(65536, body.length - i);
			out.writeBytes(utf8(Integer.toHexString(n) + "\r\n"));
			out.write(body, i, n);
			out.writeBytes(utf8("\r\n"));
		}
		out.writeBytes(utf8("0\r\n\r\n"));
		return out.toByteArray();
	}

	/**
	 * The valid body with {@code bad} bytes inside its first string value (or appended
	 * when it has none).
	 */
	private static byte[] withInvalidUtf8(String valid, byte[] bad) {
		int quote = valid.indexOf(":\"");
		if (quote < 0) {
			return concat(utf8(valid), bad);
		}
		return concat(utf8(valid.substring(0, quote + 2)), bad, utf8(valid.substring(quote + 2)));
	}

}
