package dev.vigil.notifications;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.vigil.support.SseClient;
import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;
import dev.vigil.support.WsClient;

import static dev.vigil.notifications.NotificationStreamLimitsIntegrationTests.METRICS_TOKEN;
import static dev.vigil.notifications.NotificationStreamLimitsIntegrationTests.awaitOpenConnections;
import static dev.vigil.notifications.NotificationStreamLimitsIntegrationTests.metric;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way a connection ends releases it. A short heartbeat makes the server notice vanished SSE
 * clients quickly (a servlet container learns of a closed SSE socket only when it next writes).
 */
@VigilIntegrationTest
@TestPropertySource(properties = { "vigil.stream.max-per-admin=2000", "vigil.stream.heartbeat=300ms",
		"vigil.metrics.token=" + METRICS_TOKEN })
class NotificationStreamChurnIntegrationTests {

	static final String STREAM = NotificationStreamIntegrationTests.STREAM;

	@LocalServerPort
	int port;

	@Test
	void aThousandConnectDisconnectCyclesLeaveNoConnectionBehind() {
		VigilClient admin = VigilClient.withNewAdmin(this.port, "viewer");
		for (int i = 0; i < 1000; i++) {
			switch (i % 4) {
				case 0 -> {
					try (SseClient sse = SseClient.open(admin, STREAM)) {
						sse.next();
					}
				}
				case 1 -> SseClient.open(admin, STREAM).close();
				case 2 -> {
					try (WsClient ws = WsClient.connect(admin, STREAM)) {
						ws.next();
					}
				}
				default -> WsClient.connect(admin, STREAM).abort();
			}
		}
		awaitOpenConnections(this.port, 0);
		assertThat(metric(this.port, "vigil_stream_closes_total")).isGreaterThanOrEqualTo(1000);
	}

}
