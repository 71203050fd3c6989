package dev.vigil.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RunningTasksTests {

	private final RunningTasks tasks = new RunningTasks(Clock.systemUTC());

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stop() {
		this.release.countDown();
		this.tasks.destroy();
	}

	@Test
	void workWithinItsTimeoutRunsAndLeavesNothingBehind() {
		AtomicBoolean ran = new AtomicBoolean();
		this.tasks.run("quick", Duration.ofMinutes(1), () -> ran.set(true));
		assertThat(ran).isTrue();
		await().until(() -> this.tasks.running("quick").isEmpty());
	}

	@Test
	void theWorksExceptionIsTheRunsException() {
		assertThatIllegalStateException().isThrownBy(() -> this.tasks.run("broken", Duration.ofMinutes(1), () -> {
			throw new IllegalStateException("disk on fire");
		})).withMessage("disk on fire");
	}

	@Test
	void workThatStopsWhenInterruptedEndsAtItsTimeout() {
		assertThatThrownBy(() -> this.tasks.run("sleepy", Duration.ofMillis(200), () -> {
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		})).isInstanceOf(TaskTimedOutException.class).hasMessage("timed out after 0.2s");
		await().until(() -> this.tasks.running("sleepy").isEmpty());
	}

	@Test
	void workThatIgnoresTheInterruptOverrunsAndBlocksTheNextRunUntilItEnds() {
		Runnable stubborn = () -> {
			boolean released = false;
			while (!released) {
				try {
					this.release.await();
					released = true;
				}
				catch (InterruptedException ex) {
					// keeps going, as an SQLite statement does
				}
			}
		};
		assertThatThrownBy(() -> this.tasks.run("stubborn", Duration.ofMillis(200), stubborn))
			.isInstanceOf(TaskTimedOutException.class);
		RunningTasks.Work work = this.tasks.running("stubborn").orElseThrow();
		assertThat(work.overrunning(Clock.systemUTC().instant())).isTrue();
		assertThatIllegalStateException().isThrownBy(() -> this.tasks.run("stubborn", Duration.ofMinutes(1), () -> {
		})).withMessageStartingWith("the previous run of stubborn is still going");

		this.release.countDown();
		await().until(() -> this.tasks.running("stubborn").isEmpty());
		this.tasks.run("stubborn", Duration.ofMinutes(1), () -> {
		});
	}

	@Test
	void timeoutsReadAsTheyAreWritten() {
		assertThat(TaskTimedOutException.readable(Duration.ofMinutes(10))).isEqualTo("10m");
		assertThat(TaskTimedOutException.readable(Duration.ofMinutes(90))).isEqualTo("1h30m");
		assertThat(TaskTimedOutException.readable(Duration.ofSeconds(2))).isEqualTo("2s");
	}

}
