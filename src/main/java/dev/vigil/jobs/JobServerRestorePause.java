package dev.vigil.jobs;

import org.jobrunr.server.BackgroundJobServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.vigil.storage.DatabaseRestoreFailed;
import dev.vigil.storage.DatabaseRestored;
import dev.vigil.storage.DatabaseRestoring;

/**
 * Pauses the job server while the database is swapped, so that it picks up no work from
 * the replaced database; it resumes on the restored one (or on the old one if the restore
 * failed). On the restored one, the recurring tasks are first set as they were
 * ({@link RecurringTasks#carryOverRestore}): after the restore has released the write
 * gate, because JobRunr takes connections of its own, which the writers queued behind the
 * gate may all be holding until then.
 */
@Component
class JobServerRestorePause {

	private static final Logger log = LoggerFactory.getLogger(JobServerRestorePause.class);

	private final ObjectProvider<BackgroundJobServer> server;

	private volatile boolean paused;

	private final RecurringTasks tasks;

	JobServerRestorePause(ObjectProvider<BackgroundJobServer> server, RecurringTasks tasks) {
		this.server = server;
		this.tasks = tasks;
	}

	@EventListener
	void onRestoring(DatabaseRestoring event) {
		this.server.ifAvailable((s) -> {
			if (s.isRunning()) {
				s.pauseProcessing();
				this.paused = true;
			}
		});
	}

	@EventListener
	void onRestored(DatabaseRestored event) {
		Thread thread = new Thread(() -> {
			try {
				this.tasks.carryOverRestore();
			}
			catch (RuntimeException ex) {
				log.error("recurring tasks could not be set as they were before the restore", ex);
			}
			finally {
				resume();
			}
		}, "restore-recurring-tasks");
		thread.setDaemon(true);
		thread.start();
	}

	@EventListener
	void onFailed(DatabaseRestoreFailed event) {
		resume();
	}

	private void resume() {
		if (this.paused) {
			this.paused = false;
			this.server.ifAvailable(BackgroundJobServer::resumeProcessing);
		}
	}

}
