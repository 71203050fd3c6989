package dev.vigil.dashboard;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.vigil.auth.CurrentAdmin;

/**
 * Who is online, for every role (the panel is about the people at it, so the machine API
 * has no such route).
 */
@RestController
class OnlineAdminsController {

	private final OnlineAdmins online;

	OnlineAdminsController(OnlineAdmins online) {
		this.online = online;
	}

	@GetMapping("/api/admin/dashboard/online")
	OnlineAdmins.Online online(@AuthenticationPrincipal CurrentAdmin admin) {
		return this.online.list(admin);
	}

}
