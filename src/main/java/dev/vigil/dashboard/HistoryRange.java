package dev.vigil.dashboard;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import dev.vigil.web.ApiException;

/** The ranges the dashboard charts offer, each read from the tier that fits it. */
enum HistoryRange {

	HOUR("1h", Duration.ofHours(1), HistoryTier.RAW),

	DAY("24h", Duration.ofHours(24), HistoryTier.MINUTE),

	WEEK("7d", Duration.ofDays(7), HistoryTier.QUARTER_HOUR),

	MONTH("30d", Duration.ofDays(30), HistoryTier.QUARTER_HOUR);

	private final String name;

	private final Duration length;

	private final HistoryTier tier;

	HistoryRange(String name, Duration length, HistoryTier tier) {
		this.name = name;
		this.length = length;
		this.tier = tier;
	}

	String label() {
		return this.name;
	}

	Duration length() {
		return this.length;
	}

	HistoryTier tier() {
		return this.tier;
	}

	/** The range named {@code name}; a 422 naming the valid ones otherwise. */
	static HistoryRange of(String name) {
		for (HistoryRange range : values()) {
			if (range.name.equals(name)) {
				return range;
			}
		}
		throw ApiException.invalid("range",
				"must be one of " + Arrays.stream(values()).map(HistoryRange::label).collect(Collectors.joining(", ")));
	}

}
