package dev.vigil.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * {@code VIGIL_DATABASE_URL} read as a JDBC URL and credentials. Accepts
 * {@code jdbc:postgresql://host[:port]/db[?…]} as is, and the libpq form
 * {@code postgres[ql]://[user[:password]@]host[:port]/db[?…]} that hosting providers hand
 * out; credentials in the URL win over empty
 * {@code VIGIL_DATABASE_USERNAME}/{@code _PASSWORD}.
 */
record DatabaseUrl(String jdbcUrl, @Nullable String username, @Nullable String password) {

	static DatabaseUrl parse(String url, @Nullable String username, @Nullable String password) {
		String value = url.strip();
		if (value.startsWith("jdbc:postgresql://")) {
			requireDatabaseName(value.substring("jdbc:postgresql://".length()), value);
			return new DatabaseUrl(value, blankToNull(username), blankToNull(password));
		}
		if (!value.startsWith("postgres://") && !value.startsWith("postgresql://")) {
			throw malformed("it must start with jdbc:postgresql://, postgres:// or postgresql://");
		}
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException ex) {
			throw malformed("it is not a valid URL");
		}
		String host = uri.getHost();
		if (host == null || host.isBlank()) {
			throw malformed("it names no host");
		}
		String path = uri.getRawPath();
		if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
			throw malformed("it names no database (…/<database> after the host)");
		}
		String user = blankToNull(username);
		String pass = blankToNull(password);
		String userInfo = uri.getRawUserInfo();
		if (userInfo != null && !userInfo.isEmpty()) {
			int colon = userInfo.indexOf(':');
			user = decode((colon < 0) ? userInfo : userInfo.substring(0, colon));
			if (colon >= 0) {
				pass = decode(userInfo.substring(colon + 1));
			}
		}
		String jdbc = "jdbc:postgresql://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
				+ ((uri.getPort() > 0) ? ":" + uri.getPort() : "") + path
				+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		return new DatabaseUrl(jdbc, user, pass);
	}

	private static void requireDatabaseName(String rest, String url) {
		int slash = rest.indexOf('/');
		int query = rest.indexOf('?');
		String database = (slash < 0) ? "" : rest.substring(slash + 1, (query > slash) ? query : rest.length());
		if (slash <= 0 || database.isBlank()) {
			throw malformed("it names no host or no database (jdbc:postgresql://<host>[:<port>]/<database>)");
		}
	}

	private static String decode(String value) {
		return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/** The URL itself is never repeated: it may hold a password. */
	private static UnusableDatabaseSettingsException malformed(String why) {
		return new UnusableDatabaseSettingsException("VIGIL_DATABASE_URL is malformed: " + why);
	}

}
