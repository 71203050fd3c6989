package dev.vigil.web;

/**
 * The answer of every bulk endpoint: {@code {"ok":true,"affected":n}}.
 *
 * @param affected how many of the given ids the action applied to
 */
public record BulkResult(boolean ok, long affected) {

	public static BulkResult of(long affected) {
		return new BulkResult(true, affected);
	}

}
