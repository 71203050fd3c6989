package dev.vigil.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.vigil.audit.AdminNames;
import dev.vigil.auth.CurrentAdmin;
import dev.vigil.auth.Scopes;
import dev.vigil.stream.OpenStreams;

/**
 * Who is online: the admins with open streams, each with its streams. Everyone who may
 * read the dashboard sees who is online, by name; email and client addresses are shown
 * only to admins who may see every session's anyway ({@code admin:sessions}), and to each
 * admin for their own streams.
 */
@Component
class OnlineAdmins {

	private final OpenStreams streams;

	private final AdminNames names;

	OnlineAdmins(OpenStreams streams, AdminNames names) {
		this.streams = streams;
		this.names = names;
	}

	/** Admins by their oldest open stream, oldest first; their streams likewise. */
	Online list(CurrentAdmin viewer) {
		boolean seesAddresses = viewer.scopes().contains(Scopes.SESSIONS);
		Map<Long, List<Stream>> byAdmin = new LinkedHashMap<>();
		for (OpenStreams.OpenStream open : this.streams.list()) {
			boolean own = open.adminId() == viewer.id();
			byAdmin.computeIfAbsent(open.adminId(), (id) -> new ArrayList<>())
				.add(new Stream(open.stream(), open.transport(), open.since(), open.viaApiKey(),
						(seesAddresses || own) ? open.address() : null));
		}
		Map<Long, AdminNames.AdminName> known = this.names.of(byAdmin.keySet());
		List<Admin> admins = new ArrayList<>();
		byAdmin.forEach((id, streams) -> {
			AdminNames.AdminName name = known.get(id);
			boolean seesEmail = seesAddresses || id == viewer.id();
			admins.add(new Admin(id, (name != null && seesEmail) ? name.email() : null,
					(name != null) ? name.name() : null, streams.get(0).since(), streams));
		});
		return new Online(admins);
	}

	record Online(List<Admin> admins) {
	}

	/**
	 * @param since when the admin's oldest open stream was opened
	 */
	record Admin(long id, @Nullable String email, @Nullable String name, Instant since, List<Stream> streams) {
	}

	/**
	 * @param address null when the viewer may not see it
	 */
	record Stream(String stream, String transport, Instant since, boolean viaApiKey, @Nullable String address) {
	}

}
