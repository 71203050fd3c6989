package dev.vigil.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code java -jar vigil-bench.jar <scenario> [--option value …]}: drives a running Vigil (or, with
 * {@code --peer}, nchan or websocketd: {@link Peer}), prints a table and writes JSON ({@code --out}). Exit 0 when every scenario ran without error, 1 when one
 * failed (lost deliveries, refused connections, HTTP errors), 2 on bad usage.
 */
public final class Main {

	/** What {@code all} runs against Vigil; {@code curve} and {@code cluster} only by name. */
	static final List<String> ALL = List.of("footprint", "broadcast", "targeted", "logs", "isolation", "churn");

	private Main() {
	}

	public static void main(String[] args) {
		Options options;
		try {
			options = new Options(args);
			String peer = options.string("peer");
			if (!peer.isEmpty() && !Peer.SCENARIOS.containsKey(peer)) {
				throw new IllegalArgumentException("unknown peer " + peer + " (nchan, websocketd)");
			}
			if (!ALL.contains(options.scenario) && !options.scenario.equals("all") && !options.scenario.equals("curve")
					&& !options.scenario.equals("cluster")) {
				throw new IllegalArgumentException("unknown scenario " + options.scenario);
			}
			if (!peer.isEmpty() && !options.scenario.equals("all")
					&& !Peer.SCENARIOS.get(peer).contains(options.scenario)) {
				throw new IllegalArgumentException(
						"--peer " + peer + " runs only " + String.join(", ", Peer.SCENARIOS.get(peer)));
			}
		}
		catch (IllegalArgumentException ex) {
			System.err.println("vigil-bench: " + ex.getMessage());
			usage();
			System.exit(2);
			return;
		}
		System.exit(run(options));
	}

	static int run(Options options) {
		// Kept-alive sockets for the targeted sends (Api.postAsync); the JDK keeps 5 by default.
		System.setProperty("http.maxConnections", "256");
		HttpClient rest = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		String url = options.string("url");
		List<Result> results = new ArrayList<>();
		Instant started = Instant.now();
		try (Pool pool = new Pool(options.integer("per-client"), options.integer("connect-parallel"))) {
			String peer = options.string("peer");
			Api root;
			try {
				// A peer has no login: the same client, without cookies.
				root = peer.isEmpty() ? new Api(rest, url).login(options.string("email"), options.string("password"))
						: new Api(rest, url);
			}
			catch (BenchException ex) {
				Result login = new Result("login");
				login.error(ex.getMessage());
				results.add(login);
				return report(options, started, results);
			}
			Server server = new Server(rest, url, options.string("metrics-token"), options.string("pid"));
			Scenarios scenarios = new Scenarios(options, root, rest, pool, server);
			Map<String, Supplier<Result>> byName = new LinkedHashMap<>();
			byName.put("footprint", scenarios::footprint);
			byName.put("broadcast", scenarios::broadcast);
			byName.put("targeted", scenarios::targeted);
			byName.put("logs", scenarios::logs);
			byName.put("isolation", scenarios::isolation);
			byName.put("churn", scenarios::churn);
			byName.put("curve", scenarios::curve);
			byName.put("cluster", () -> new ClusterScenario(options, root, rest, pool).run());
			List<String> names = !options.scenario.equals("all") ? List.of(options.scenario)
					: peer.isEmpty() ? ALL : Peer.SCENARIOS.get(peer);
			for (String name : names) {
				System.err.println("vigil-bench: running " + name + " …");
				long start = System.nanoTime();
				Result result;
				try {
					result = byName.get(name).get();
				}
				catch (BenchException ex) {
					result = new Result(name);
					result.error(ex.getMessage());
				}
				catch (RuntimeException ex) {
					result = new Result(name);
					result.error(ex.toString());
				}
				result.put("seconds", Latency.round((System.nanoTime() - start) / 1e9));
				results.add(result);
				print(result);
			}
		}
		return report(options, started, results);
	}

	private static int report(Options options, Instant started, List<Result> results) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("tool", "vigil-bench");
		json.put("started", started.toString());
		json.put("java", Runtime.version().toString());
		json.put("cpus", Runtime.getRuntime().availableProcessors());
		json.put("options", options.all());
		Map<String, Object> scenarios = new LinkedHashMap<>();
		int errors = 0;
		for (Result result : results) {
			Map<String, Object> data = new LinkedHashMap<>(result.data);
			data.put("errors", result.errors);
			scenarios.put(result.scenario, data);
			errors += result.errors.size();
		}
		json.put("scenarios", scenarios);
		json.put("ok", errors == 0);
		Path out = Path.of(options.string("out"));
		try {
			if (out.toAbsolutePath().getParent() != null) {
				Files.createDirectories(out.toAbsolutePath().getParent());
			}
			Files.writeString(out, Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
			System.out.println("JSON: " + out.toAbsolutePath());
		}
		catch (IOException ex) {
			System.err.println("vigil-bench: cannot write " + out + ": " + ex);
			errors++;
		}
		for (Result result : results) {
			for (String error : result.errors) {
				System.out.println("ERROR " + result.scenario + ": " + error);
			}
		}
		return (errors == 0) ? 0 : 1;
	}

	private static void print(Result result) {
		int width = 12;
		for (String[] row : result.rows) {
			width = Math.max(width, row[0].length());
		}
		StringBuilder out = new StringBuilder();
		out.append("\n== ").append(result.scenario).append(' ').append("=".repeat(Math.max(3, 60 - result.scenario.length())))
			.append('\n');
		for (String[] row : result.rows) {
			out.append(String.format("%-" + width + "s  %s%n", row[0], row[1]));
		}
		for (String error : result.errors) {
			out.append(String.format("%-" + width + "s  %s%n", "ERROR", error));
		}
		System.out.print(out);
		System.out.flush();
	}

	private static void usage() {
		System.err.println("""
				usage: java -jar vigil-bench.jar <scenario> [--option value ...]
				scenarios: footprint broadcast targeted logs isolation churn all, curve, cluster (two instances: --url-b)
				peers (--peer): nchan (footprint broadcast), websocketd (footprint logs curve)
				options (defaults):""");
		Options.DEFAULTS.forEach((name, value) -> System.err.println("  --" + name + " " + (name.contains("password")
				|| name.contains("token") ? "" : value)));
		System.err.println("see bench/README.md");
	}

}
