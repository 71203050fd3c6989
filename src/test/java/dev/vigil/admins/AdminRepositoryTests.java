package dev.vigil.admins;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.vigil.admins.AdminRepository.Admin;
import dev.vigil.auth.Role;
import dev.vigil.support.RepositoryTest;
import dev.vigil.web.ListQuery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The admins table: live rows only, case-insensitive emails freed by a soft delete,
 * searches that treat LIKE wildcards as text, and updates that touch only what they name.
 */
@RepositoryTest
@Import(AdminRepository.class)
class AdminRepositoryTests {

	@Autowired
	AdminRepository admins;

	/** Tests share the database: each names its rows with its own tag. */
	String tag;

	@BeforeEach
	void tag() {
		this.tag = "t" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void anInsertedAdminIsFoundByIdAndByEmailInAnyCase() {
		long id = this.admins.insert(email("ada"), "hash-1", "Ada", Role.VIEWER.id());

		Admin admin = this.admins.findById(id).orElseThrow();
		assertThat(admin.email()).isEqualTo(email("ada"));
		assertThat(admin.passwordHash()).isEqualTo("hash-1");
		assertThat(admin.name()).isEqualTo("Ada");
		assertThat(admin.role()).isEqualTo(Role.VIEWER.id());
		assertThat(admin.active()).isTrue();
		assertThat(admin.updatedAt()).isEqualTo(admin.createdAt());
		assertThat(this.admins.findByEmail(email("ada").toUpperCase())).map(Admin::id).contains(id);
		assertThat(this.admins.emailTaken(email("ADA"))).isTrue();
		assertThat(this.admins.findById(id + 1_000_000)).isEmpty();
	}

	@Test
	// Committed: on PostgreSQL a failed statement ends the transaction it is in.
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	void aLiveEmailCannotBeTakenTwiceButASoftDeleteFreesIt() {
		long first = this.admins.insert(email("reuse"), "h", "First", Role.ADMIN.id());
		long liveBefore = this.admins.countLive();
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.admins.insert(email("REUSE"), "h", "Second", Role.ADMIN.id()))
			.withMessageMatching("(?s).*(UNIQUE constraint failed: admins.email|ux_admins_email_live).*");

		assertThat(this.admins.softDelete(first)).isTrue();
		assertThat(this.admins.softDelete(first)).as("already deleted").isFalse();
		assertThat(this.admins.countLive()).isEqualTo(liveBefore - 1);
		assertThat(this.admins.findById(first)).isEmpty();
		assertThat(this.admins.findByEmail(email("reuse"))).isEmpty();
		assertThat(this.admins.emailTaken(email("reuse"))).isFalse();

		long second = this.admins.insert(email("reuse"), "h", "Second", Role.ADMIN.id());
		assertThat(this.admins.findByEmail(email("reuse"))).map(Admin::id).contains(second);
	}

	@Test
	void anUpdateSetsOnlyTheColumnsItNamesAndNotOnADeletedAdmin() {
		long id = this.admins.insert(email("partial"), "old-hash", "Old", Role.ADMIN.id());

		assertThat(this.admins.update(id, "New", null, null, null)).isTrue();
		Admin renamed = this.admins.findById(id).orElseThrow();
		assertThat(renamed.name()).isEqualTo("New");
		assertThat(renamed.role()).isEqualTo(Role.ADMIN.id());
		assertThat(renamed.active()).isTrue();
		assertThat(renamed.passwordHash()).isEqualTo("old-hash");

		assertThat(this.admins.update(id, null, Role.VIEWER.id(), false, "new-hash")).isTrue();
		Admin changed = this.admins.findById(id).orElseThrow();
		assertThat(changed.name()).isEqualTo("New");
		assertThat(changed.role()).isEqualTo(Role.VIEWER.id());
		assertThat(changed.active()).isFalse();
		assertThat(changed.passwordHash()).isEqualTo("new-hash");

		this.admins.softDelete(id);
		assertThat(this.admins.update(id, "Ghost", null, null, null)).isFalse();
		assertThat(this.admins.update(id + 1_000_000, "Nobody", null, null, null)).isFalse();
	}

	@Test
	void namesIncludeDeletedAdminsAndLeaveOutIdsWithoutAnAccount() {
		long live = this.admins.insert(email("named"), "h", "Named", Role.ADMIN.id());
		long deleted = this.admins.insert(email("gone"), "h", "Gone", Role.VIEWER.id());
		this.admins.softDelete(deleted);
		long unknown = Math.max(live, deleted) + 1_000_000;

		assertThat(this.admins.names(List.of(live, deleted, unknown, live))).containsExactlyInAnyOrder(
				new AdminRepository.Name(live, email("named"), "Named"),
				new AdminRepository.Name(deleted, email("gone"), "Gone"));
		assertThat(this.admins.names(List.of())).isEmpty();
	}

	@Test
	void aPasswordHashIsReplacedOnlyWhileItIsTheExpectedOne() {
		long id = this.admins.insert(email("pw"), "current", "Pw", Role.ADMIN.id());

		assertThat(this.admins.replacePasswordHash(id, "stale", "mine")).isFalse();
		assertThat(this.admins.findById(id).orElseThrow().passwordHash()).isEqualTo("current");
		assertThat(this.admins.replacePasswordHash(id, "current", "mine")).isTrue();
		assertThat(this.admins.findById(id).orElseThrow().passwordHash()).isEqualTo("mine");
		assertThat(this.admins.replacePasswordHash(id, "current", "again")).as("no longer the expected hash").isFalse();
	}

	@Test
	void searchMatchesEmailOrNameAndCountsWhatItLists() {
		long byEmail = this.admins.insert(email("carol"), "h", "Carol", Role.ADMIN.id());
		long byName = this.admins.insert("someone-" + this.tag + "@x.test", "h", "Dave " + this.tag, Role.ADMIN.id());
		long other = this.admins.insert(this.tag + "-eve@x.test", "h", "Eve", Role.ADMIN.id());
		long deleted = this.admins.insert(email("deleted"), "h", "Deleted", Role.ADMIN.id());
		this.admins.softDelete(deleted);

		assertThat(ids(this.admins.find(this.tag, query(100, 0, "id ASC")))).containsExactly(byEmail, byName, other);
		assertThat(this.admins.count(this.tag)).isEqualTo(3);
		assertThat(ids(this.admins.find("  " + this.tag + "-eve ", query(100, 0, "id ASC")))).as("trimmed")
			.containsExactly(other);
		assertThat(ids(this.admins.find("dave " + this.tag.toUpperCase(), query(100, 0, "id ASC"))))
			.as("name, any case")
			.containsExactly(byName);
		assertThat(this.admins.count(" ")).as("a blank search is no filter").isEqualTo(this.admins.countLive());
		assertThat(this.admins.count(null)).isEqualTo(this.admins.countLive());
	}

	@Test
	void likeWildcardsInASearchAreMatchedAsText() {
		long underscore = this.admins.insert(this.tag + "_a@x.test", "h", "Under", Role.ADMIN.id());
		long letter = this.admins.insert(this.tag + "xa@x.test", "h", "Letter", Role.ADMIN.id());
		long percent = this.admins.insert(this.tag + "%b@x.test", "h", "Percent", Role.ADMIN.id());
		long backslash = this.admins.insert(this.tag + "\\c@x.test", "h", "Backslash", Role.ADMIN.id());

		assertThat(ids(this.admins.find(this.tag + "_a", query(100, 0, "id ASC")))).containsExactly(underscore)
			.doesNotContain(letter);
		assertThat(ids(this.admins.find(this.tag + "%", query(100, 0, "id ASC")))).containsExactly(percent);
		assertThat(ids(this.admins.find(this.tag + "\\c", query(100, 0, "id ASC")))).containsExactly(backslash);
	}

	@Test
	void pagesFollowTheSortAndDoNotOverlap() {
		long b = this.admins.insert(email("b"), "h", "B", Role.ADMIN.id());
		long a = this.admins.insert(email("a"), "h", "A", Role.ADMIN.id());
		long c = this.admins.insert(email("c"), "h", "C", Role.ADMIN.id());

		assertThat(ids(this.admins.find(this.tag, query(2, 0, "email ASC")))).containsExactly(a, b);
		assertThat(ids(this.admins.find(this.tag, query(2, 2, "email ASC")))).containsExactly(c);
		assertThat(ids(this.admins.find(this.tag, query(2, 0, "name DESC")))).containsExactly(c, b);
		assertThat(this.admins.find(this.tag, query(2, 3, "email ASC"))).isEmpty();
	}

	private String email(String name) {
		return name + "-" + this.tag + "@x.test";
	}

	private static ListQuery query(int limit, int offset, String orderBy) {
		return new ListQuery(limit, offset, orderBy);
	}

	private static List<Long> ids(List<Admin> admins) {
		return admins.stream().map(Admin::id).toList();
	}

}
