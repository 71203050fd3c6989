package dev.vigil.database;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import dev.vigil.ConflictException;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/** The free-space rule for VACUUM, on figures chosen at its edge. */
class DatabaseChecksTests {

	private final DatabaseFigures figures = mock(DatabaseFigures.class);

	private final DatabaseChecks checks = new DatabaseChecks(mock(DatabaseCheckRepository.class), this.figures, null,
			null, Clock.systemUTC());

	@Test
	void vacuumIsRefusedWhenTheDiskHasLessThanTwiceTheDatabaseFree() {
		given(this.figures.sizes())
			.willReturn(new DatabaseFigures.Sizes(3 * 1024 * 1024, 1024 * 1024, 32768, 7 * 1024 * 1024));
		assertThatThrownBy(this.checks::requireSpaceForVacuum).isInstanceOf(ConflictException.class)
			.hasMessage("not enough free disk space for VACUUM: it needs up to 8.0 MB (twice the database), "
					+ "the disk has 7.0 MB free");
	}

	@Test
	void vacuumMayRunWithTwiceTheDatabaseFree() {
		given(this.figures.sizes())
			.willReturn(new DatabaseFigures.Sizes(3 * 1024 * 1024, 1024 * 1024, 32768, 8 * 1024 * 1024));
		assertThatNoException().isThrownBy(this.checks::requireSpaceForVacuum);
	}

}
