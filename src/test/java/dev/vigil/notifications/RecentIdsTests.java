package dev.vigil.notifications;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentIdsTests {

	@Test
	void anIdIsClaimedOnce() {
		RecentIds recent = new RecentIds(0, 60_000, 100);
		assertThat(recent.claim(5, 1_000)).isTrue();
		assertThat(recent.claim(5, 2_000)).isFalse();
		assertThat(recent.claim(6, 2_000)).isTrue();
	}

	@Test
	void theBaseOfARecoveryIsTheHighestIdClaimedBeforeItsMomentWhateverTheOrder() {
		RecentIds recent = new RecentIds(10, 60_000, 100);
		recent.claim(12, 1_000);
		// Another instance committed 11 after 12: it arrives later.
		recent.claim(11, 1_500);
		recent.claim(14, 3_000);
		assertThat(recent.highestBefore(500)).isEqualTo(10);
		assertThat(recent.highestBefore(1_600)).isEqualTo(12);
		assertThat(recent.highestBefore(5_000)).isEqualTo(14);
	}

	@Test
	void whatAgedOutRaisesTheFloorAndARecoveryFromBeforeItCannotTell() {
		RecentIds recent = new RecentIds(0, 1_000, 100);
		recent.claim(3, 1_000);
		recent.claim(4, 1_500);
		assertThat(recent.covers(900)).isTrue();
		recent.claim(7, 2_200);
		assertThat(recent.size()).isEqualTo(2);
		assertThat(recent.covers(900)).isFalse();
		assertThat(recent.covers(1_000)).isTrue();
		assertThat(recent.highestBefore(0)).isEqualTo(3);
		// 3 is gone from the window: claiming it again would succeed, which is why a
		// recovery only looks above highestBefore.
		assertThat(recent.claim(4, 2_300)).isFalse();
	}

	@Test
	void theCountIsBoundedToo() {
		RecentIds recent = new RecentIds(0, 60_000, 3);
		for (long id = 1; id <= 5; id++) {
			recent.claim(id, id);
		}
		assertThat(recent.size()).isLessThanOrEqualTo(3);
		assertThat(recent.covers(1)).isFalse();
		assertThat(recent.highestBefore(0)).isGreaterThanOrEqualTo(2);
	}

}
