package dev.vigil.web.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.vigil.support.RawHttp;
import dev.vigil.support.TestThreads;
import dev.vigil.support.VigilClient;
import dev.vigil.web.fuzz.HttpCase.Auth;

/**
 * Sends HTTP cases over raw sockets from a few workers at once, each with a root session
 * of its own, and records every response's verdict in the tally.
 */
final class HttpFuzzer {

	private static final int THREADS = 4;

	private final int port;

	private final Tally tally;

	private final Verdicts verdicts;

	HttpFuzzer(int port, Tally tally, Verdicts verdicts) {
		this.port = port;
		this.tally = tally;
		this.verdicts = verdicts;
	}

	void run(List<HttpCase> cases) throws Exception {
		ConcurrentLinkedQueue<HttpCase> queue = new ConcurrentLinkedQueue<>(cases);
		TestThreads.runOn(THREADS, () -> {
			Worker worker = new Worker();
			HttpCase next;
			while ((next = queue.poll()) != null) {
				worker.run(next);
			}
			return null;
		});
	}

	/**
	 * Sends cases with a root session of its own, logging in again whenever a case ended
	 * it.
	 */
	private final class Worker {

		private final RawHttp http = new RawHttp(HttpFuzzer.this.port);

		private String access;

		private String refresh;

		private String xsrf;

		void run(HttpCase c) throws Exception {
			if (c.usesSession()) {
				ensureSession();
			}
			RawHttp.Response response = this.http.exchange(build(c), c.halfClose());
			if (c.auth() == Auth.ROOT && response.status() == 401 && c.mutations() == 0) {
				// An earlier case (logout, refresh reuse) ended this session: log in
				// again and retry.
				this.access = null;
				ensureSession();
				response = this.http.exchange(build(c), c.halfClose());
			}
			track(c, response);
			HttpFuzzer.this.tally.record(c, response, HttpFuzzer.this.verdicts.check(c, response));
		}

		private void ensureSession() {
			if (this.access == null) {
				VigilClient client = new VigilClient(HttpFuzzer.this.port);
				client.login(VigilClient.ROOT_EMAIL, VigilClient.ROOT_PASSWORD).assertStatus(200);
				this.access = client.cookie("access_token");
				this.refresh = client.cookie("refresh_token");
				this.xsrf = client.cookie("XSRF-TOKEN");
				HttpFuzzer.this.tally.logins.incrementAndGet();
			}
		}

		/**
		 * Adopts rotated tokens. A session a case ended shows as a 401 on the next root
		 * case, which logs in again.
		 */
		private void track(HttpCase c, RawHttp.Response response) {
			if (!c.usesSession()) {
				return;
			}
			for (String setCookie : response.headers("Set-Cookie")) {
				String[] pair = setCookie.split(";", 2)[0].split("=", 2);
				if (pair.length == 2 && !pair[1].isEmpty()) {
					if (pair[0].equals("access_token")) {
						this.access = pair[1];
					}
					else if (pair[0].equals("refresh_token")) {
						this.refresh = pair[1];
					}
				}
			}
		}

		private byte[] build(HttpCase c) {
			if (c.raw() != null) {
				return c.raw();
			}
			List<String[]> headers = new ArrayList<>();
			boolean hasCookie = false;
			boolean hasCsrf = false;
			for (String[] header : c.headers()) {
				headers.add(new String[] { header[0], fill(header[1]) });
				hasCookie |= header[0].equalsIgnoreCase("Cookie");
				hasCsrf |= header[0].equalsIgnoreCase("X-XSRF-TOKEN");
			}
			if (c.auth() == Auth.ROOT) {
				if (!hasCookie) {
					String cookie = "access_token=" + this.access + "; XSRF-TOKEN=" + this.xsrf;
					if (c.target().startsWith("/api/admin/auth")) {
						cookie += "; refresh_token=" + this.refresh;
					}
					headers.add(new String[] { "Cookie", cookie });
				}
				if (!hasCsrf && HttpCases.UNSAFE.contains(c.method())) {
					headers.add(new String[] { "X-XSRF-TOKEN", this.xsrf });
				}
			}
			byte[] request = this.http.request(c.method(), c.target(), headers, c.body());
			if (c.mutations() > 0) {
				Random random = new Random(c.mutationSeed());
				for (int i = 0; i < c.mutations(); i++) {
					request[random.nextInt(request.length)] = (byte) random.nextInt(256);
				}
			}
			return request;
		}

		private String fill(String value) {
			if (!value.contains("{{")) {
				return value;
			}
			String tampered = this.access.substring(0, this.access.length() - 2)
					+ (this.access.endsWith("A") ? "B" : "A") + this.access.charAt(this.access.length() - 1);
			return value.replace("{{access}}", this.access)
				.replace("{{access-tampered}}", tampered)
				.replace("{{refresh}}", this.refresh)
				.replace("{{xsrf}}", this.xsrf);
		}

	}

}
