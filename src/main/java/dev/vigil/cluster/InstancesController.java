package dev.vigil.cluster;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The live instances, for the dashboard and the log viewer's instance picker. Readable by
 * every signed-in admin, as the dashboard is (the broader of the two: the logs need
 * {@code admin:logs}); it names instances and their figures, never a log line.
 */
@RestController
class InstancesController {

	private final Instances instances;

	InstancesController(Instances instances) {
		this.instances = instances;
	}

	@GetMapping("/api/admin/instances")
	List<InstanceView> list() {
		String self = this.instances.self().id();
		return this.instances.live().stream().map((instance) -> InstanceView.of(instance, self)).toList();
	}

	/** One instance on the wire; {@code self}: the instance that answered. */
	record InstanceView(String id, String name, long startedAt, long seenAt, boolean self,
			Map<String, Object> details) {

		static InstanceView of(Instance instance, String self) {
			return new InstanceView(instance.id(), instance.name(), instance.startedAt(), instance.seenAt(),
					instance.id().equals(self), instance.details());
		}

	}

}
