package dev.vigil.web;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Paging and sorting for list endpoints, checked against a per-endpoint whitelist so that
 * a sort key can never reach SQL unvetted. Out-of-range values fall back to defaults
 * (reference semantics).
 *
 * @param limit rows to return
 * @param offset rows to skip
 * @param orderBy a safe SQL {@code ORDER BY} clause body, e.g. {@code created_at DESC}
 */
public record ListQuery(int limit, int offset, @Nullable String orderBy) {

	public static final int DEFAULT_LIMIT = 50;

	public static final int MAX_LIMIT = 100;

	/**
	 * @param sortable API sort key to SQL column
	 * @param defaultSort API sort key used when none (or an unknown one) is given
	 */
	public static ListQuery of(@Nullable Integer limit, @Nullable Integer offset, @Nullable String sort,
			@Nullable String order, Map<String, String> sortable, String defaultSort, String defaultOrder) {
		ListQuery page = page(limit, offset);
		int l = page.limit();
		int o = page.offset();
		String column = sortable.get((sort != null) ? sort.toLowerCase(Locale.ROOT) : defaultSort);
		if (column == null) {
			column = sortable.get(defaultSort);
		}
		String direction = (order != null) ? order.toUpperCase(Locale.ROOT) : defaultOrder;
		if (!direction.equals("ASC") && !direction.equals("DESC")) {
			direction = defaultOrder;
		}
		return new ListQuery(l, o, column + " " + direction);
	}

	/** Paging only, for lists ordered by their store (orderBy is null). */
	public static ListQuery page(@Nullable Integer limit, @Nullable Integer offset) {
		return new ListQuery((limit == null || limit < 1) ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT),
				(offset == null || offset < 0) ? 0 : offset, null);
	}

	/** The same query without paging, for CSV exports. */
	public ListQuery unpaged() {
		return new ListQuery(Integer.MAX_VALUE, 0, this.orderBy);
	}

}
