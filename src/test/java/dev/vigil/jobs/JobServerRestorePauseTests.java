package dev.vigil.jobs;

import java.util.Map;

import org.jobrunr.server.BackgroundJobServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import dev.vigil.storage.DatabaseRestoreFailed;
import dev.vigil.storage.DatabaseRestored;
import dev.vigil.storage.DatabaseRestoring;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class JobServerRestorePauseTests {

	private final BackgroundJobServer server = mock(BackgroundJobServer.class);

	private final JobServerRestorePause pause = new JobServerRestorePause(
			new StaticListableBeanFactory(Map.of("server", this.server)).getBeanProvider(BackgroundJobServer.class));

	@Test
	void aRunningServerPausesForTheSwapAndResumesAfterIt() {
		given(this.server.isRunning()).willReturn(true);

		this.pause.onRestoring(new DatabaseRestoring("b.db"));
		verify(this.server).pauseProcessing();
		verify(this.server, never()).resumeProcessing();

		this.pause.onRestored(new DatabaseRestored("b.db", "safety.db"));
		verify(this.server).resumeProcessing();
	}

	@Test
	void itResumesWhenTheRestoreFailed() {
		given(this.server.isRunning()).willReturn(true);

		this.pause.onRestoring(new DatabaseRestoring("b.db"));
		this.pause.onFailed(new DatabaseRestoreFailed("b.db"));

		verify(this.server).resumeProcessing();
	}

	@Test
	void aServerThatWasNotRunningIsNotStarted() {
		this.pause.onRestoring(new DatabaseRestoring("b.db"));
		this.pause.onRestored(new DatabaseRestored("b.db", "safety.db"));

		verify(this.server, never()).pauseProcessing();
		verify(this.server, never()).resumeProcessing();
	}

}
