package dev.vigil.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.vigil.support.RepositoryTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dashboard history on a real SQLite file: ticks stored as they come, minute and
 * quarter-hour buckets made when they are over (not before), each tier cut to its
 * retention, ranges read at their tier up to the present, and a new instance (a restart)
 * carrying on from what is stored. Times are passed in, so every boundary is exact.
 */
@RepositoryTest
@Import({ DashboardHistoryRepository.class, DashboardHistory.class })
@ImportAutoConfiguration(JacksonAutoConfiguration.class)
class DashboardHistoryTests {

	static final Instant NOON = Instant.parse("2026-12-06T12:00:00Z");

	static final Duration TICK = Duration.ofSeconds(5);

	@Autowired
	DashboardHistory history;

	@Autowired
	DashboardHistoryRepository repository;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aMinuteIsRolledUpWhenTheNextOneStartsNotBefore() {
		tick(NOON, NOON.plusSeconds(55));
		assertThat(stored(HistoryTier.RAW)).hasSize(12);
		assertThat(stored(HistoryTier.MINUTE)).isEmpty();

		tick(NOON.plusSeconds(60), NOON.plusSeconds(60));

		List<HistoryPoint> minutes = stored(HistoryTier.MINUTE);
		assertThat(minutes).extracting(HistoryPoint::time).containsExactly(NOON);
		assertThat(minutes.get(0).samples()).isEqualTo(12);
		// The last tick of the minute (at :55, 11 ticks after the first) gives the
		// counters.
		assertThat(minutes.get(0).snapshot().http().requests()).isEqualTo(11);
		// The new minute's first tick is not in it.
		assertThat(stored(HistoryTier.RAW)).hasSize(13);
	}

	@Test
	void quarterHoursAreMadeFromTheStoredMinutes() {
		tick(NOON.minusSeconds(60), NOON.plus(Duration.ofMinutes(16)));

		assertThat(stored(HistoryTier.MINUTE)).extracting(HistoryPoint::time)
			.hasSize(17)
			.startsWith(NOON.minusSeconds(60))
			.endsWith(NOON.plus(Duration.ofMinutes(15)));
		List<HistoryPoint> quarters = stored(HistoryTier.QUARTER_HOUR);
		// 11:45 holds only the minute 11:59; 12:00 the fifteen minutes up to 12:14:55.
		assertThat(quarters).extracting(HistoryPoint::time).containsExactly(NOON.minus(Duration.ofMinutes(15)), NOON);
		assertThat(quarters).extracting(HistoryPoint::samples).containsExactly(12, 180);
		// Counters are cumulative: the last tick before 12:15 is the 192nd (index 191).
		assertThat(quarters.get(1).snapshot().http().requests()).isEqualTo(191);
	}

	@Test
	void eachTierIsCutToItsRetention() {
		tick(NOON, NOON.plusSeconds(120));
		assertThat(stored(HistoryTier.RAW)).isNotEmpty();

		// An hour and a bit later: the old ticks are gone, their minutes stay.
		Instant later = NOON.plus(Duration.ofMinutes(63));
		tick(later, later);
		assertThat(stored(HistoryTier.RAW)).extracting(HistoryPoint::time).containsExactly(later);
		assertThat(stored(HistoryTier.MINUTE)).extracting(HistoryPoint::time)
			.contains(NOON, NOON.plusSeconds(60), NOON.plusSeconds(120));

		Instant nextDay = NOON.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(3));
		tick(nextDay, nextDay);
		assertThat(stored(HistoryTier.MINUTE)).extracting(HistoryPoint::time)
			.allSatisfy((time) -> assertThat(time).isAfterOrEqualTo(nextDay.minus(Duration.ofHours(24))));
		assertThat(stored(HistoryTier.QUARTER_HOUR)).extracting(HistoryPoint::time).contains(NOON);

		Instant nextMonth = NOON.plus(Duration.ofDays(30)).plus(Duration.ofMinutes(20));
		tick(nextMonth, nextMonth);
		assertThat(stored(HistoryTier.QUARTER_HOUR)).extracting(HistoryPoint::time)
			.allSatisfy((time) -> assertThat(time).isAfterOrEqualTo(nextMonth.minus(Duration.ofDays(30))));
		assertThat(count()).isLessThan(10);
	}

	@Test
	void rangesReadTheirTierUpToThePresent() {
		Instant start = NOON.minus(Duration.ofMinutes(90));
		Instant now = NOON.plusSeconds(30);
		tick(start, now);

		List<HistoryPoint> hour = this.history.read(HistoryRange.HOUR, now);
		assertThat(hour).hasSize(12 * 60 + 1);
		assertThat(hour.get(0).time()).isEqualTo(now.minus(Duration.ofHours(1)));
		assertThat(hour.get(hour.size() - 1).time()).isEqualTo(now);

		// Minutes from 10:30 to 11:59 are stored; 12:00, in progress, is made on the fly
		// from its 7 ticks.
		List<HistoryPoint> day = this.history.read(HistoryRange.DAY, now);
		assertThat(day).hasSize(91);
		assertThat(day.get(0).time()).isEqualTo(start);
		assertThat(day.get(day.size() - 1).time()).isEqualTo(NOON);
		assertThat(day.get(day.size() - 1).samples()).isEqualTo(7);
		assertThat(day).extracting(HistoryPoint::time).isSorted().doesNotHaveDuplicates();

		// Quarters 10:30 to 11:45 are stored; 12:00 is made from the minute in progress.
		List<HistoryPoint> week = this.history.read(HistoryRange.WEEK, now);
		assertThat(week).extracting(HistoryPoint::time)
			.containsExactly(start, start.plus(Duration.ofMinutes(15)), start.plus(Duration.ofMinutes(30)),
					start.plus(Duration.ofMinutes(45)), start.plus(Duration.ofMinutes(60)),
					start.plus(Duration.ofMinutes(75)), NOON);
		assertThat(week.get(week.size() - 1).snapshot().http().requests())
			.isEqualTo(hour.get(hour.size() - 1).snapshot().http().requests());
		assertThat(this.history.read(HistoryRange.MONTH, now)).isEqualTo(week);
	}

	@Test
	void aNewInstanceRollsUpWhatThePreviousOneLeft() {
		tick(NOON, NOON.plusSeconds(100));
		assertThat(stored(HistoryTier.MINUTE)).extracting(HistoryPoint::time).containsExactly(NOON);

		// A restart: state in memory is gone, the table stays; ten minutes down.
		DashboardHistory restarted = new DashboardHistory(this.repository);
		Instant back = NOON.plus(Duration.ofMinutes(10));
		restarted.record(Snapshots.at(back, 1, 0, 0));

		List<HistoryPoint> minutes = stored(HistoryTier.MINUTE);
		assertThat(minutes).extracting(HistoryPoint::time).containsExactly(NOON, NOON.plusSeconds(60));
		// 12:01 holds the ticks 60..100 s from before the restart, and nothing twice.
		assertThat(minutes.get(1).samples()).isEqualTo(9);
		assertThat(minutes.get(0).samples()).isEqualTo(12);
	}

	/**
	 * One tick every 5 s from {@code from} to {@code to} inclusive, requests counting up.
	 */
	private void tick(Instant from, Instant to) {
		long requests = 0;
		for (Instant time = from; !time.isAfter(to); time = time.plus(TICK)) {
			this.history.record(Snapshots.at(time, 1 + (requests % 3), requests, 0));
			requests++;
		}
	}

	private List<HistoryPoint> stored(HistoryTier tier) {
		return this.repository.between(tier, Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE));
	}

	private long count() {
		return this.jdbc.sql("SELECT count(*) FROM dashboard_history").query(Long.class).single();
	}

}
