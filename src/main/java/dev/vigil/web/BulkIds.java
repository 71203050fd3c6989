package dev.vigil.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Request body of every bulk endpoint: {@code {"ids":[…]}} with 1 to 100 distinct ids.
 */
public record BulkIds<T>(@Nullable List<@Nullable T> ids) {

	public static final int MAX = 100;

	/** The distinct ids, or a 400 when the list is empty, too long or holds nulls. */
	public Set<T> validated() {
		if (this.ids == null || this.ids.isEmpty()) {
			throw ApiException.badRequest("ids required");
		}
		if (this.ids.size() > MAX) {
			throw ApiException.badRequest("maximum " + MAX + " ids per request");
		}
		if (this.ids.contains(null)) {
			throw ApiException.badRequest("ids must not contain null");
		}
		return new LinkedHashSet<>(this.ids);
	}

}
