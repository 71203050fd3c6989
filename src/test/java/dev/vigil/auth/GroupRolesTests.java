package dev.vigil.auth;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class GroupRolesTests {

	/** The built-in roles, as the roles table holds them on a new server. */
	private static Roles builtIns() {
		Roles roles = mock(Roles.class);
		given(roles.exists(anyString())).willAnswer((call) -> Role.from(call.getArgument(0)).isPresent());
		given(roles.scopesOf(anyString()))
			.willAnswer((call) -> Role.from(call.getArgument(0)).map(Role::scopes).orElse(List.of()));
		return roles;
	}

	private static SsoProperties sso(Map<String, String> mapping, String defaultRole) {
		return new SsoProperties("https://idp.example.com", "vigil", null, "IdP", List.of("openid"), "groups", mapping,
				defaultRole, List.of());
	}

	private static AuthProperties auth(boolean passwordLogin) {
		return new AuthProperties(null, true, Duration.ofMinutes(5), Duration.ofHours(24), Duration.ofSeconds(10), 20,
				passwordLogin);
	}

	@Test
	void theMostPrivilegedMappedRoleWinsWhateverTheOrder() {
		GroupRoles roles = new GroupRoles(
				sso(new RoleMappingConverter().convert("viewers=viewer, ops=admin ,root=superadmin"), null),
				builtIns());
		assertThat(roles.roleFor(List.of("viewers", "ops"))).contains("admin");
		assertThat(roles.roleFor(List.of("ops", "root", "viewers"))).contains("superadmin");
		assertThat(roles.roleFor(List.of("viewers"))).contains("viewer");
		assertThat(roles.roleFor(List.of("Ops", "other"))).isEmpty();
	}

	@Test
	void aDefaultRoleTakesTheUnmapped() {
		GroupRoles roles = new GroupRoles(sso(Map.of("ops", "admin"), "viewer"), builtIns());
		assertThat(roles.roleFor(List.of())).contains("viewer");
	}

	@Test
	void groupsComeAsAListOrOneCommaSeparatedString() {
		assertThat(GroupRoles.groups(List.of("a", " b"))).containsExactly("a", "b");
		assertThat(GroupRoles.groups("a, b,,c")).containsExactly("a", "b", "c");
		assertThat(GroupRoles.groups(null)).isEmpty();
	}

	@Test
	void aGroupNameMayHoldAnEqualsSign() {
		assertThat(new RoleMappingConverter().convert("cn=ops,dc=example=admin"))
			.containsExactly(Map.entry("cn", "ops"), Map.entry("dc=example", "admin"));
	}

	@Test
	void settingsThatLockEveryoneOutOrNameAnUnknownRoleStopTheStart() {
		ForwardAuthProperties noForward = new ForwardAuthProperties(false, List.of(), "Remote-User", "Remote-Email",
				"Remote-Name", "Remote-Groups");
		SsoProperties off = new SsoProperties(null, null, null, "x", List.of(), "groups", null, null, List.of());
		assertThatThrownBy(
				() -> new SignInSettings(auth(false), off, noForward, new GroupRoles(off, builtIns()), builtIns()))
			.isInstanceOf(SignInSettings.Invalid.class)
			.hasMessageContaining("VIGIL_AUTH_PASSWORD_LOGIN=false");
		SsoProperties unknown = sso(Map.of("ops", "operator"), null);
		assertThatThrownBy(() -> new SignInSettings(auth(true), unknown, noForward, new GroupRoles(unknown, builtIns()),
				builtIns()))
			.isInstanceOf(SignInSettings.Invalid.class)
			.hasMessageContaining("unknown role 'operator'");
		SsoProperties fine = sso(Map.of("ops", "admin"), null);
		new SignInSettings(auth(false), fine, noForward, new GroupRoles(fine, builtIns()), builtIns());
	}

}
