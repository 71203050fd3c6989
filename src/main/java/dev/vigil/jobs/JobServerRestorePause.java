package dev.vigil.jobs;

import org.jobrunr.server.BackgroundJobServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.vigil.storage.DatabaseRestoreFailed;
import dev.vigil.storage.DatabaseRestored;
import dev.vigil.storage.DatabaseRestoring;

/**
 * Pauses the job server while the database is swapped, so that it picks up no work from
 * the replaced database; it resumes on the restored one (or on the old one if the restore
 * failed).
 */
@Component
class JobServerRestorePause {

	private final ObjectProvider<BackgroundJobServer> server;

	private volatile boolean paused;

	JobServerRestorePause(ObjectProvider<BackgroundJobServer> server) {
		this.server = server;
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
		resume();
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
