package dev.vigil.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SPA as the browser gets it. With the UI built (the default), this checks the real
 * build output in {@code target/classes/static/admin}; with {@code -Dskip.ui=true} there
 * is none, so a minimal stand-in (an index and one hashed asset) is written there for the
 * duration of the class and removed afterwards, so that it can never shadow or outlive a
 * real build.
 */
@VigilIntegrationTest
class SpaIntegrationTests {

	private static final List<Path> created = new ArrayList<>();

	private static String assetName;

	@LocalServerPort
	int port;

	@BeforeAll
	static void ensureBuiltSpa() throws IOException, URISyntaxException {
		URL main = SpaConfiguration.class.getProtectionDomain().getCodeSource().getLocation();
		Path admin = Path.of(main.toURI()).resolve("static/admin");
		Path assets = admin.resolve("assets");
		if (!Files.isRegularFile(admin.resolve("index.html"))) {
			for (Path dir : List.of(admin.getParent(), admin, assets)) {
				if (!Files.isDirectory(dir)) {
					Files.createDirectories(dir);
					created.add(0, dir);
				}
			}
			Path index = Files
				.writeString(admin.resolve("index.html"), "<!doctype html><html><body><div id=\"root\"></div>"
						+ "<script type=\"module\" src=\"/admin/assets/index-T3sTfake.js\"></script></body></html>");
			Path asset = Files.writeString(assets.resolve("index-T3sTfake.js"), "console.log('stand-in');");
			created.add(0, index);
			created.add(0, asset);
		}
		try (Stream<Path> files = Files.list(assets)) {
			// The entry chunk: index.html references it (lazy chunks it does not).
			assetName = files.map((p) -> p.getFileName().toString())
				.filter((name) -> name.startsWith("index-") && name.endsWith(".js"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no built .js asset in " + assets));
		}
	}

	@AfterAll
	static void removeStandIn() {
		for (Path path : created) {
			try {
				Files.deleteIfExists(path);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	@Test
	void spaRootAndClientRoutesReturnIndexHtmlRevalidatedWithCsp() {
		VigilClient client = new VigilClient(this.port);
		VigilClient.Response root = client.get("/admin/").assertStatus(200);
		for (String path : List.of("/admin/logs", "/admin/notifications/42", "/admin/login")) {
			VigilClient.Response route = client.get(path).assertStatus(200);
			assertThat(route.body()).isEqualTo(root.body());
			assertIndex(route);
		}
		assertIndex(root);
		assertThat(root.body()).contains("<div id=\"root\">").contains("/admin/assets/" + assetName);
	}

	@Test
	void hashedAssetsAreCachedForAYear() {
		VigilClient.Response asset = new VigilClient(this.port).get("/admin/assets/" + assetName).assertStatus(200);
		assertThat(asset.header("Cache-Control")).contains("max-age=31536000").contains("public").contains("immutable");
		assertThat(asset.header("Content-Type")).contains("javascript");
	}

	@Test
	void missingFilesWithAnExtensionAre404NotTheSpa() {
		VigilClient client = new VigilClient(this.port);
		client.get("/admin/assets/missing.js").assertProblem(404, "not found");
		client.get("/admin/missing.css").assertProblem(404, "not found");
	}

	@Test
	void unknownApiPathsStayProblemDetails() {
		new VigilClient(this.port).get("/api/admin/no-such-thing").assertStatus(401);
		new VigilClient(this.port).get("/api/nope").assertProblem(404, "not found");
	}

	@Test
	void rootRedirectsToTheSpa() {
		VigilClient client = new VigilClient(this.port);
		VigilClient.Response root = client.get("/");
		assertThat(root.status()).isBetween(301, 308);
		assertThat(root.header("Location")).endsWith("/admin/");
		VigilClient.Response admin = client.get("/admin");
		assertThat(admin.status()).isBetween(301, 308);
		assertThat(admin.header("Location")).endsWith("/admin/");
	}

	private static void assertIndex(VigilClient.Response response) {
		assertThat(response.header("Content-Type")).startsWith("text/html");
		assertThat(response.header("Cache-Control")).isEqualTo("no-cache");
		assertThat(response.header("Content-Security-Policy")).contains("default-src 'self'")
			.contains("script-src 'self'")
			.contains("connect-src 'self'")
			.contains("img-src 'self' data:");
	}

}
