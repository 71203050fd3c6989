package dev.vigil.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One scenario's figures: table rows for stdout, a map for the JSON report, and its errors. */
final class Result {

	final String scenario;

	final Map<String, Object> data = new LinkedHashMap<>();

	final List<String[]> rows = new ArrayList<>();

	final List<String> errors = new ArrayList<>();

	Result(String scenario) {
		this.scenario = scenario;
	}

	Result put(String key, Object value) {
		this.data.put(key, value);
		return this;
	}

	Result row(String metric, String value) {
		this.rows.add(new String[] { metric, value });
		return this;
	}

	Result row(String metric, String format, Object... args) {
		return row(metric, String.format(format, args));
	}

	void error(String message) {
		this.errors.add(message);
	}

	/** Sent / expected / received / missing, in the table and the JSON; a shortfall is an error. */
	void deliveries(String label, long sent, long expected, long received) {
		long missing = Math.max(0, expected - received);
		Map<String, Object> counts = new LinkedHashMap<>();
		counts.put("sent", sent);
		counts.put("expected_deliveries", expected);
		counts.put("received", received);
		counts.put("missing", missing);
		counts.put("extra", Math.max(0, received - expected));
		this.data.put(label + "_counts", counts);
		row(label + " sent / expected / received / missing", "%,d / %,d / %,d / %,d", sent, expected, received, missing);
		if (missing > 0) {
			error(label + ": " + missing + " of " + expected + " deliveries missing");
		}
	}

}
