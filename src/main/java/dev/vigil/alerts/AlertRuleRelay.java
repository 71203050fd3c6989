package dev.vigil.alerts;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

import dev.vigil.cluster.ClusterBus;

/**
 * Every instance evaluates the rules on its own logs, so each follows a rule changed on
 * any of them (topic {@code alerts.rules}), and reads them all again after a bus loss.
 */
@Component
class AlertRuleRelay implements SmartInitializingSingleton, DisposableBean {

	static final String TOPIC = "alerts.rules";

	private static final Logger log = LoggerFactory.getLogger(AlertRuleRelay.class);

	/** A rule was created, updated, muted, disabled or deleted. */
	record RuleChanged(long id) {
	}

	private final ClusterBus bus;

	private final AlertEngine engine;

	/** The engine reads the database: never on the bus's thread. */
	private final ExecutorService work;

	AlertRuleRelay(ClusterBus bus, AlertEngine engine) {
		this.bus = bus;
		this.engine = engine;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("vigil-alert-rules-");
		threads.setDaemon(true);
		this.work = Executors.newSingleThreadExecutor(threads);
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!this.bus.clustered()) {
			return;
		}
		this.bus.subscribe(TOPIC, RuleChanged.class,
				(message) -> this.work.execute(() -> safely(() -> this.engine.changedElsewhere(message.id()))));
		this.bus.onRecovered(this::recover);
	}

	/** After the rule's change is stored: here at once, elsewhere over the bus. */
	void changed(long id) {
		this.engine.changed(id);
		this.bus.publish(TOPIC, new RuleChanged(id));
	}

	private void recover(Instant since) {
		safely(this.engine::resync);
	}

	private static void safely(Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			log.warn("alert rules not followed after a change elsewhere: {}", ex.toString());
		}
	}

	@Override
	public void destroy() {
		this.work.shutdownNow();
	}

}
