package dev.vigil.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import dev.vigil.audit.AdminNames.AdminName;
import dev.vigil.auth.Role;
import dev.vigil.support.ControllerSlice;
import dev.vigil.support.Slice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;

/**
 * The audit list and its CSV export name each entry's admin from the admins module, with
 * one lookup for the distinct admins of the page: an entry without an admin, or whose
 * admin has no account, has no email or name.
 */
@ControllerSlice(AuditController.class)
@Import(AuditLog.class)
class AuditControllerTests {

	private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	AuditRepository repository;

	@MockitoBean
	AdminNames adminNames;

	@MockitoBean
	AuditForwarder forwarder;

	@BeforeEach
	void entries() {
		given(this.repository.find(any(), any())).willReturn(List.of(entry(4, 3L, "admin.delete"),
				entry(3, null, "cleanup"), entry(2, 99L, "auth.login"), entry(1, 3L, "auth.login")));
		given(this.repository.count(any())).willReturn(4L);
		given(this.adminNames.of(Set.of(3L, 99L))).willReturn(Map.of(3L, new AdminName("ada@x.test", "Ada")));
	}

	@Test
	void entriesCarryTheirAdminsEmailAndName() {
		assertThat(this.mvc.get().uri("/api/admin/audit").with(Slice.as(Role.ADMIN))).hasStatus(200)
			.bodyJson()
			.isStrictlyEqualTo("""
					{"total": 4, "entries": [
					  {"id": 4, "admin_id": 3, "admin_email": "ada@x.test", "admin_name": "Ada",
					   "action": "admin.delete", "entity_type": "admin", "entity_id": "42", "details": "d",
					   "ip": "10.0.0.1", "request_id": "r", "created_at": "2026-01-01T00:00:00Z"},
					  {"id": 3, "admin_id": null, "admin_email": null, "admin_name": null,
					   "action": "cleanup", "entity_type": "admin", "entity_id": "42", "details": "d",
					   "ip": "10.0.0.1", "request_id": "r", "created_at": "2026-01-01T00:00:00Z"},
					  {"id": 2, "admin_id": 99, "admin_email": null, "admin_name": null,
					   "action": "auth.login", "entity_type": "admin", "entity_id": "42", "details": "d",
					   "ip": "10.0.0.1", "request_id": "r", "created_at": "2026-01-01T00:00:00Z"},
					  {"id": 1, "admin_id": 3, "admin_email": "ada@x.test", "admin_name": "Ada",
					   "action": "auth.login", "entity_type": "admin", "entity_id": "42", "details": "d",
					   "ip": "10.0.0.1", "request_id": "r", "created_at": "2026-01-01T00:00:00Z"}
					]}
					""");
		verify(this.adminNames).of(any());
	}

	@Test
	void theExportNamesTheAdminByEmailOrLeavesTheCellEmpty() {
		assertThat(this.mvc.get().uri("/api/admin/audit/export").with(Slice.as(Role.ADMIN))).hasStatus(200)
			.body()
			.asString()
			.isEqualTo("""
					ID,Admin ID,Admin Email,Action,Entity Type,Entity ID,Details,IP,Created At\r
					4,3,ada@x.test,admin.delete,admin,42,d,10.0.0.1,2026-01-01T00:00:00Z\r
					3,,,cleanup,admin,42,d,10.0.0.1,2026-01-01T00:00:00Z\r
					2,99,,auth.login,admin,42,d,10.0.0.1,2026-01-01T00:00:00Z\r
					1,3,ada@x.test,auth.login,admin,42,d,10.0.0.1,2026-01-01T00:00:00Z\r
					""");
		verify(this.adminNames).of(any());
	}

	private static AuditRepository.Entry entry(long id, Long adminId, String action) {
		return new AuditRepository.Entry(id, adminId, action, "admin", "42", "d", "10.0.0.1", "r", AT);
	}

}
