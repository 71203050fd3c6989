package dev.vigil.audit;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where the audit log is exported and how far each sink has got (scope
 * {@code admin:audit}, enforced by the security chain). {@code /api/admin/audit/export}
 * already serves the CSV download.
 */
@RestController
class AuditSinksController {

	private final AuditForwarder forwarder;

	AuditSinksController(AuditForwarder forwarder) {
		this.forwarder = forwarder;
	}

	record Sinks(List<AuditForwarder.SinkStatus> sinks) {
	}

	@GetMapping("/api/admin/audit/sinks")
	Sinks sinks() {
		return new Sinks(this.forwarder.status());
	}

}
