package dev.vigil.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.vigil.audit.AuditRepository.Entry;
import dev.vigil.audit.AuditRepository.Filter;
import dev.vigil.audit.AuditRepository.NewEntry;
import dev.vigil.support.AdminRows;
import dev.vigil.support.RepositoryTest;
import dev.vigil.web.ListQuery;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log: entries with their admin when there is one, every filter alone and
 * together, counts that agree with the lists, a stable order among entries of the same
 * millisecond, and retention.
 */
@RepositoryTest
@Import(AuditRepository.class)
class AuditRepositoryTests {

	static final ListQuery NEWEST_FIRST = new ListQuery(100, 0, "l.created_at DESC");

	@Autowired
	AuditRepository audit;

	@Autowired
	JdbcClient jdbc;

	/** Tests share the database: each tags its entries' actions and details. */
	String tag;

	long admin;

	@BeforeEach
	void setUp() {
		this.tag = "t" + UUID.randomUUID().toString().substring(0, 8);
		this.admin = AdminRows.insert(this.jdbc, "Auditor");
	}

	@Test
	void anEntryIsListedWithItsAdminOrWithoutOne() {
		insert(this.admin, "login", "signed in", 1_000);
		insert(null, "cleanup", "system task", 2_000);

		List<Entry> entries = this.audit.find(filter(null, null, this.tag, null, null), NEWEST_FIRST);
		assertThat(entries).extracting(Entry::action).containsExactly(action("cleanup"), action("login"));
		Entry system = entries.get(0);
		assertThat(system.adminId()).isNull();
		assertThat(system.createdAt()).isEqualTo(Instant.ofEpochMilli(2_000));
		Entry login = entries.get(1);
		assertThat(login.adminId()).isEqualTo(this.admin);
		assertThat(login.entityType()).isEqualTo("admin");
		assertThat(login.entityId()).isEqualTo("42");
		assertThat(login.details()).isEqualTo("signed in " + this.tag);
		assertThat(login.ip()).isEqualTo("10.1.2.3");
		assertThat(login.requestId()).isEqualTo("req-login");
	}

	@Test
	void filtersNarrowTheListAndTheCountAlike() {
		long other = AdminRows.insert(this.jdbc, "Other");
		insert(this.admin, "login", "one", 1_000);
		insert(this.admin, "logout", "two", 2_000);
		insert(other, "login", "three", 3_000);
		insert(other, "login", "four", 4_000);

		assertFound(filter(action("login"), null, null, null, null), "four", "three", "one");
		assertFound(filter(null, other, null, null, null), "four", "three");
		assertFound(filter(action("login"), this.admin, null, null, null), "one");
		assertFound(filter(null, null, "four " + this.tag, null, null), "four");
		assertFound(filter(null, null, action("logo"), null, null), "two");
		assertFound(filter(null, null, this.tag, Instant.ofEpochMilli(2_000), Instant.ofEpochMilli(3_000)), "three",
				"two");
		assertFound(filter(action("nothing"), null, null, null, null));
	}

	@Test
	void likeWildcardsInASearchAreMatchedAsText() {
		insert(this.admin, "a", "100% done", 1_000);
		insert(this.admin, "b", "1000 done", 2_000);
		insert(this.admin, "c", "file_name", 3_000);
		insert(this.admin, "d", "fileXname", 4_000);

		assertFound(filter(null, null, "100%", null, null), "100% done");
		assertFound(filter(null, null, "file_", null, null), "file_name");
	}

	@Test
	void entriesOfTheSameMillisecondStayInIdOrderAcrossPages() {
		for (int i = 0; i < 5; i++) {
			insert(this.admin, "same", "entry " + i, 5_000);
		}
		Filter same = filter(action("same"), null, null, null, null);

		List<Entry> first = this.audit.find(same, new ListQuery(2, 0, "l.created_at DESC"));
		List<Entry> second = this.audit.find(same, new ListQuery(2, 2, "l.created_at DESC"));
		List<Entry> third = this.audit.find(same, new ListQuery(2, 4, "l.created_at DESC"));
		assertThat(details(first)).containsExactly("entry 4 " + this.tag, "entry 3 " + this.tag);
		assertThat(details(second)).containsExactly("entry 2 " + this.tag, "entry 1 " + this.tag);
		assertThat(details(third)).containsExactly("entry 0 " + this.tag);
	}

	@Test
	void retentionDeletesStrictlyOlderEntries() {
		insert(this.admin, "old", "old", 1_000);
		insert(this.admin, "edge", "edge", 2_000);
		insert(this.admin, "new", "new", 3_000);

		assertThat(this.audit.deleteBefore(2_000)).isEqualTo(1);
		assertFound(filter(null, null, this.tag, null, null), "new", "edge");
	}

	@Test
	void aNewEntryIsStampedWithTheCurrentTime() {
		long before = System.currentTimeMillis();
		this.audit.insert(new NewEntry(this.admin, action("now"), "", "", "", "", ""));
		long after = System.currentTimeMillis();

		Entry entry = this.audit.find(filter(action("now"), null, null, null, null), NEWEST_FIRST).get(0);
		assertThat(entry.createdAt().toEpochMilli()).isBetween(before, after);
	}

	/** An entry of this test, dated {@code createdAt} (epoch milliseconds). */
	private void insert(Long adminId, String action, String details, long createdAt) {
		this.audit.insert(new NewEntry(adminId, action(action), "admin", "42", details + " " + this.tag, "10.1.2.3",
				"req-" + action));
		this.jdbc.sql("UPDATE audit_log SET created_at = :at WHERE id = (SELECT max(id) FROM audit_log)")
			.param("at", createdAt)
			.update();
	}

	/** Lists newest first exactly the entries with these details, and counts as many. */
	private void assertFound(Filter filter, String... details) {
		List<Entry> found = this.audit.find(filter, NEWEST_FIRST);
		assertThat(details(found))
			.containsExactly(List.of(details).stream().map((d) -> d + " " + this.tag).toArray(String[]::new));
		assertThat(this.audit.count(filter)).isEqualTo(details.length);
	}

	/** Without an action or a search, searches this test's tag. */
	private Filter filter(String action, Long adminId, String search, Instant from, Instant to) {
		return new Filter(action, adminId, (action == null && search == null) ? this.tag : search, from, to);
	}

	private String action(String name) {
		return this.tag + "." + name;
	}

	private static List<String> details(List<Entry> entries) {
		return entries.stream().map(Entry::details).toList();
	}

}
