package dev.vigil.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} options with defaults; unknown names are an error (exit 2). */
final class Options {

	static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

	static {
		DEFAULTS.put("url", "http://localhost:8080");
		DEFAULTS.put("url-b", "");
		DEFAULTS.put("peer", "");
		DEFAULTS.put("email", System.getenv().getOrDefault("VIGIL_BENCH_EMAIL", "admin@localhost"));
		DEFAULTS.put("password", System.getenv().getOrDefault("VIGIL_BENCH_PASSWORD", ""));
		DEFAULTS.put("out", "vigil-bench.json");
		DEFAULTS.put("sse", "100");
		DEFAULTS.put("ws", "100");
		DEFAULTS.put("admins", "1");
		DEFAULTS.put("admin-password", "bench-password-1");
		DEFAULTS.put("rounds", "20");
		DEFAULTS.put("warmup", "5");
		DEFAULTS.put("interval", "1s");
		DEFAULTS.put("rate", "500");
		DEFAULTS.put("duration", "10s");
		DEFAULTS.put("log-file", "");
		DEFAULTS.put("log-subscribers", "200");
		DEFAULTS.put("log-rate", "100");
		DEFAULTS.put("filtered", "100");
		DEFAULTS.put("ramp", "5000,10000,20000,30000,40000,50000,60000,80000,100000");
		DEFAULTS.put("step", "5s");
		DEFAULTS.put("curve", "10,50,100,150,200,500,1000");
		DEFAULTS.put("pid", "");
		DEFAULTS.put("stall-percent", "1");
		DEFAULTS.put("payload", "4000");
		DEFAULTS.put("churn-concurrency", "10");
		DEFAULTS.put("settle", "90s");
		DEFAULTS.put("timeout", "30s");
		DEFAULTS.put("per-client", "1000");
		DEFAULTS.put("connect-parallel", "64");
		DEFAULTS.put("metrics-token", System.getenv().getOrDefault("VIGIL_METRICS_TOKEN", ""));
	}

	final String scenario;

	private final Map<String, String> values = new LinkedHashMap<>(DEFAULTS);

	Options(String[] args) {
		List<String> positional = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.startsWith("--")) {
				String name = arg.substring(2);
				String value;
				int eq = name.indexOf('=');
				if (eq >= 0) {
					value = name.substring(eq + 1);
					name = name.substring(0, eq);
				}
				else {
					if (i + 1 >= args.length) {
						throw new IllegalArgumentException("missing value for --" + name);
					}
					value = args[++i];
				}
				if (!DEFAULTS.containsKey(name)) {
					throw new IllegalArgumentException("unknown option --" + name);
				}
				this.values.put(name, value);
			}
			else {
				positional.add(arg);
			}
		}
		if (positional.size() != 1) {
			throw new IllegalArgumentException("give exactly one scenario");
		}
		this.scenario = positional.get(0);
	}

	String string(String name) {
		return this.values.get(name);
	}

	int integer(String name) {
		return Integer.parseInt(this.values.get(name).replace("_", ""));
	}

	double decimal(String name) {
		return Double.parseDouble(this.values.get(name));
	}

	/** {@code 500ms}, {@code 10s}, {@code 2m}, or plain seconds. */
	Duration duration(String name) {
		String v = this.values.get(name).trim();
		if (v.endsWith("ms")) {
			return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
		}
		if (v.endsWith("s")) {
			return Duration.ofMillis((long) (Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
		}
		if (v.endsWith("m")) {
			return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)) * 60);
		}
		return Duration.ofMillis((long) (Double.parseDouble(v) * 1000));
	}

	List<Integer> integers(String name) {
		List<Integer> list = new ArrayList<>();
		for (String part : this.values.get(name).split(",")) {
			if (!part.isBlank()) {
				list.add(Integer.parseInt(part.trim().replace("_", "")));
			}
		}
		return list;
	}

	Map<String, String> all() {
		Map<String, String> copy = new LinkedHashMap<>(this.values);
		copy.remove("password");
		copy.remove("admin-password");
		copy.remove("metrics-token");
		return copy;
	}

}
