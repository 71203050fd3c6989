package dev.vigil.jobs;

import java.time.Duration;
import java.util.Map;

import org.jobrunr.server.BackgroundJobServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import dev.vigil.storage.DatabaseRestoreFailed;
import dev.vigil.storage.DatabaseRestored;
import dev.vigil.storage.DatabaseRestoring;

import static org.awaitility.Awaitility.await;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

class JobServerRestorePauseTests {

	private final BackgroundJobServer server = mock(BackgroundJobServer.class);

	private final RecurringTasks tasks = mock(RecurringTasks.class);

	private final JobServerRestorePause pause = new JobServerRestorePause(
			new StaticListableBeanFactory(Map.of("server", this.server)).getBeanProvider(BackgroundJobServer.class),
			this.tasks);

	@Test
	void aRunningServerPausesForTheSwapAndResumesAfterIt() {
		given(this.server.isRunning()).willReturn(true);

		this.pause.onRestoring(new DatabaseRestoring("b.db"));
		verify(this.server).pauseProcessing();
		verify(this.server, never()).resumeProcessing();

		this.pause.onRestored(new DatabaseRestored("b.db", "safety.db"));
		// After the recurring tasks are set as they were, on a thread of its own (waited
		// for on the server: a timed verify of the synchronized method would hold its
		// lock).
		verify(this.server, timeout(5_000)).resumeProcessing();
		verify(this.tasks).carryOverRestore();
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

		await().atMost(Duration.ofSeconds(5)).until(() -> !mockingDetails(this.tasks).getInvocations().isEmpty());
		verify(this.server, never()).pauseProcessing();
		verify(this.server, never()).resumeProcessing();
	}

}
