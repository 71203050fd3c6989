package dev.vigil.web.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One malformed HTTP input. {@code raw} is a complete request sent as is; otherwise the
 * request is built from the parts. {@code mutations} > 0 flips that many bytes of the
 * built request (seeded by {@code mutationSeed}).
 */
record HttpCase(String category, String method, String target, List<String[]> headers, byte[] body, Auth auth,
		boolean halfClose, byte[] raw, int mutations, long mutationSeed) {

	enum Auth {

		/**
		 * The worker's root session: its cookies, and the CSRF header on unsafe methods.
		 */
		ROOT,

		/**
		 * Only what the case carries (placeholders in it are filled with the root
		 * session's tokens).
		 */
		CASE

	}

	static HttpCase of(String category, String method, String target, List<String[]> headers, byte[] body, Auth auth) {
		return new HttpCase(category, method, target, headers, body, auth, false, null, 0, 0);
	}

	/** The path the server sees, when this case's request line is intact. */
	String path() {
		if (this.raw != null || this.mutations > 0 || this.target == null) {
			return null;
		}
		int query = this.target.indexOf('?');
		return (query >= 0) ? this.target.substring(0, query) : this.target;
	}

	boolean usesSession() {
		return this.auth == Auth.ROOT || this.headers.stream().anyMatch((h) -> h[1].contains("{{"));
	}

	String describe() {
		StringBuilder text = new StringBuilder("[" + this.category + "] ");
		if (this.raw != null) {
			return text.append(Verdicts.abbreviate(new String(this.raw, StandardCharsets.ISO_8859_1), 300)).toString();
		}
		text.append(this.method)
			.append(' ')
			.append(Verdicts.abbreviate(this.target, 200))
			.append(" auth=")
			.append(this.auth);
		for (String[] header : this.headers) {
			text.append(" | ").append(header[0]).append(": ").append(Verdicts.abbreviate(header[1], 80));
		}
		if (this.body != null) {
			text.append(" | body (")
				.append(this.body.length)
				.append(" bytes): ")
				.append(Verdicts.abbreviate(new String(this.body, StandardCharsets.UTF_8), 120));
		}
		if (this.mutations > 0) {
			text.append(" | ").append(this.mutations).append(" bytes mutated, seed ").append(this.mutationSeed);
		}
		return text.toString();
	}

}
