package dev.vigil.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Alone, the instance list is this instance, marked as the one that answered. */
class InstancesControllerTests {

	@Test
	void aloneListsThisInstanceOnly() {
		Alone alone = new Alone(InstanceIdentity.create("solo:8080"));
		alone.describe("streams", () -> 3);
		assertThat(new InstancesController(alone).list()).singleElement().satisfies((instance) -> {
			assertThat(instance.id()).isEqualTo(alone.instanceId());
			assertThat(instance.name()).isEqualTo("solo:8080");
			assertThat(instance.self()).isTrue();
			assertThat(instance.startedAt()).isPositive();
			assertThat(instance.seenAt()).isGreaterThanOrEqualTo(instance.startedAt());
			assertThat(instance.details()).containsEntry("streams", 3);
		});
	}

}
