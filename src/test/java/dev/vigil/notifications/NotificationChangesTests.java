package dev.vigil.notifications;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class NotificationChangesTests {

	private final NotificationRepository repository = mock(NotificationRepository.class);

	private final NotificationChanges changes = new NotificationChanges(this.repository);

	@Test
	void beforeStartUpEveryCursorIsBehind() {
		assertThat(this.changes.mayHaveMissed(1, Long.MAX_VALUE - 1)).isTrue();
	}

	@Test
	void cursorsIssuedBeforeStartUpAreBehindLaterOnesAreNot() {
		started(10);
		assertThat(this.changes.mayHaveMissed(1, 10)).isTrue();
		assertThat(this.changes.mayHaveMissed(1, 11)).isFalse();
	}

	@Test
	void aReadOrDeleteMarksOnlyThatAdminsCursorsUpToTheLastId() {
		started(10);
		given(this.repository.lastId()).willReturn(20L);
		this.changes.changed(1);
		assertThat(this.changes.mayHaveMissed(1, 20)).isTrue();
		assertThat(this.changes.mayHaveMissed(1, 21)).isFalse();
		assertThat(this.changes.mayHaveMissed(2, 20)).isFalse();
	}

	@Test
	void aClientThatKnowsNoNotificationMissedNothing() {
		assertThat(this.changes.mayHaveMissed(1, 0)).isFalse();
		started(10);
		assertThat(this.changes.mayHaveMissed(1, 0)).isFalse();
	}

	@Test
	void aPurgeMarksEveryAdmin() {
		started(10);
		given(this.repository.lastId()).willReturn(30L);
		this.changes.changedForEveryone();
		assertThat(this.changes.mayHaveMissed(2, 30)).isTrue();
		assertThat(this.changes.mayHaveMissed(2, 31)).isFalse();
	}

	private void started(long lastId) {
		given(this.repository.lastId()).willReturn(lastId);
		this.changes.afterSingletonsInstantiated();
	}

}
