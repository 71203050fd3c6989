package dev.vigil.notifications;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vigil.VigilApplication;
import dev.vigil.support.SseClient;
import dev.vigil.support.VigilClient;
import dev.vigil.support.WsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A graceful shutdown ends every stream first (WebSocket 1001, SSE completed) instead of
 * waiting on them.
 */
class NotificationStreamShutdownIntegrationTests {

	@Test
	void shutdownClosesOpenStreamsWithGoingAway() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(VigilApplication.class)
			.properties("server.port=0", "vigil.admins.bootstrap-email=" + VigilClient.ROOT_EMAIL,
					"vigil.admins.bootstrap-password=" + VigilClient.ROOT_PASSWORD,
					"jobrunr.background-job-server.enabled=false")
			.run();
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		VigilClient root = VigilClient.root(port);
		try (WsClient ws = WsClient.connect(root, NotificationStreamIntegrationTests.STREAM);
				SseClient sse = SseClient.open(root, NotificationStreamIntegrationTests.STREAM)) {
			ws.next();
			sse.next();
			long start = System.nanoTime();
			context.close();
			assertThat(ws.closeCode(Duration.ofSeconds(5))).isEqualTo(1001);
			assertThat(sse.next().name()).isEqualTo(SseClient.END);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("shutdown did not wait for the streams")
				.isLessThan(Duration.ofSeconds(10));
		}
		finally {
			context.close();
		}
	}

}
