package dev.vigil.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The anchors the peer modes drive instead of Vigil, with the same clients, markers and
 * histograms (bench/README.md, "Peer modes"): nginx + nchan
 * ({@code bench/peers/nchan.sh}: one channel, {@code POST /pub}, {@code /sub} by
 * EventSource or WebSocket) and websocketd running {@code tail -n0 -F} per WebSocket
 * ({@code bench/peers/websocketd.sh}). Neither has a login or metrics; their memory is
 * read from the process tree.
 */
final class Peer {

	static final String NCHAN = "nchan";

	static final String WEBSOCKETD = "websocketd";

	/** What each peer can be compared on; the rest is Vigil only. */
	static final Map<String, List<String>> SCENARIOS = Map.of(NCHAN, List.of("footprint", "broadcast"), WEBSOCKETD,
			List.of("footprint", "logs", "curve"));

	static final String PUBLISH = "/pub";

	static final String SUBSCRIBE = "/sub";

	private Peer() {
	}

	/**
	 * A notification event as Vigil sends it on a broadcast (NotificationEvents.created:
	 * type, id, the notification's view, the unread count), marker in the title, so nchan
	 * carries a frame of the same size and shape.
	 */
	static Map<String, Object> notificationFrame(long id, String title, String message) {
		Map<String, Object> notification = new LinkedHashMap<>();
		notification.put("id", id);
		notification.put("entity_type", "admin");
		notification.put("entity_id", 1);
		notification.put("type", "info");
		notification.put("title", title);
		notification.put("message", message);
		notification.put("created_at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
		Map<String, Object> frame = new LinkedHashMap<>();
		frame.put("type", "notification");
		frame.put("id", id);
		frame.put("notification", notification);
		frame.put("unread_count", id);
		return frame;
	}

	/**
	 * {@code pid} and its descendants (nginx: master and workers; websocketd: it and its
	 * tails).
	 */
	static List<Long> tree(long pid) {
		Map<Long, List<Long>> children = new LinkedHashMap<>();
		try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path proc : procs) {
				try {
					String stat = Files.readString(proc.resolve("stat"));
					// after "(comm)": state, ppid
					String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					children.computeIfAbsent(Long.parseLong(f[1]), (k) -> new ArrayList<>())
						.add(Long.parseLong(proc.getFileName().toString()));
				}
				catch (IOException | RuntimeException ex) {
					// exited meanwhile
				}
			}
		}
		catch (IOException ex) {
			throw new BenchException("cannot scan /proc: " + ex);
		}
		List<Long> tree = new ArrayList<>(List.of(pid));
		for (int i = 0; i < tree.size(); i++) {
			tree.addAll(children.getOrDefault(tree.get(i), List.of()));
		}
		return tree;
	}

	/**
	 * VmRSS summed over the tree. Pages the processes share (nginx's code, the tails'
	 * libc) count once per process, which the per-connection difference cancels except
	 * for processes it adds.
	 */
	static long treeRssKb(List<Long> tree) {
		long total = 0;
		for (long pid : tree) {
			try {
				total += Server.rssKb(pid);
			}
			catch (BenchException ex) {
				// exited meanwhile
			}
		}
		return total;
	}

	static int treeFds(List<Long> tree) {
		int total = 0;
		for (long pid : tree) {
			total += Math.max(0, Server.openFds(pid));
		}
		return total;
	}

}
