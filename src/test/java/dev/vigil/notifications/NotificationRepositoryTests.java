package dev.vigil.notifications;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.vigil.notifications.NotificationRepository.Notification;
import dev.vigil.support.AdminRows;
import dev.vigil.support.RepositoryTest;
import dev.vigil.support.TestThreads;
import dev.vigil.web.ListQuery;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notifications table: rows are only ever seen by their own admin, lists page in a
 * stable order, the resume query and the id cursor's upper bound, and unread counts (kept
 * by triggers) that stay exact, also under concurrent writers.
 */
@RepositoryTest
@Import(NotificationRepository.class)
class NotificationRepositoryTests {

	static final ListQuery NEWEST_FIRST = new ListQuery(100, 0, "created_at DESC");

	@Autowired
	NotificationRepository notifications;

	@Autowired
	JdbcClient jdbc;

	long ada;

	long bob;

	@BeforeEach
	void admins() {
		this.ada = AdminRows.insert(this.jdbc, "Ada");
		this.bob = AdminRows.insert(this.jdbc, "Bob");
	}

	@Test
	void anInsertReturnsTheStoredRowAndOnlyItsAdminFindsIt() {
		long before = System.currentTimeMillis();
		Notification created = this.notifications.insert(this.ada, "warning", "Disk", "at 91%", "{\"disk\":\"/\"}");

		assertThat(created.id()).isPositive();
		assertThat(created.adminId()).isEqualTo(this.ada);
		assertThat(created.type()).isEqualTo("warning");
		assertThat(created.title()).isEqualTo("Disk");
		assertThat(created.message()).isEqualTo("at 91%");
		assertThat(created.data()).isEqualTo("{\"disk\":\"/\"}");
		assertThat(created.readAt()).isNull();
		assertThat(created.createdAt().toEpochMilli()).isBetween(before, System.currentTimeMillis());
		assertThat(this.notifications.find(this.ada, created.id())).contains(created);
		assertThat(this.notifications.find(this.bob, created.id())).isEmpty();
		assertThat(this.notifications.insert(this.ada, "info", "No data", "", null).data()).isNull();
	}

	@Test
	void listsAreTheAdminsOwnNewestFirstWithIdsBreakingTies() {
		long first = insert(this.ada, "first");
		long second = insert(this.ada, "second");
		long third = insert(this.ada, "third");
		insert(this.bob, "not ada's");
		this.jdbc.sql("UPDATE notifications SET created_at = 1000 WHERE id IN (:ids)")
			.param("ids", List.of(first, second, third))
			.update();

		assertThat(ids(this.notifications.find(this.ada, false, NEWEST_FIRST))).containsExactly(third, second, first);
		assertThat(ids(this.notifications.find(this.ada, false, new ListQuery(100, 0, "created_at ASC"))))
			.containsExactly(first, second, third);
		assertThat(ids(this.notifications.find(this.ada, false, new ListQuery(2, 0, "created_at DESC"))))
			.containsExactly(third, second);
		assertThat(ids(this.notifications.find(this.ada, false, new ListQuery(2, 2, "created_at DESC"))))
			.containsExactly(first);
		assertThat(this.notifications.count(this.ada, false)).isEqualTo(3);
	}

	@Test
	void unreadOnlyListsAndCountsWhatIsUnread() {
		long read = insert(this.ada, "read");
		long unread = insert(this.ada, "unread");
		this.notifications.markRead(this.ada, read);

		assertThat(ids(this.notifications.find(this.ada, true, NEWEST_FIRST))).containsExactly(unread);
		assertThat(this.notifications.count(this.ada, true)).isEqualTo(1);
		assertThat(this.notifications.unread(this.ada)).isEqualTo(1);
		assertThat(this.notifications.count(this.ada, false)).isEqualTo(2);
		assertThat(this.notifications.find(this.ada, read).orElseThrow().readAt()).isNotNull();
	}

	@Test
	void markingReadCountsOnceAndOnlyForTheOwner() {
		long one = insert(this.ada, "one");
		insert(this.ada, "two");
		insert(this.ada, "three");
		long bobs = insert(this.bob, "bob's");

		assertThat(this.notifications.markRead(this.bob, one)).as("another admin's").isFalse();
		assertThat(this.notifications.markRead(this.ada, one)).isTrue();
		assertThat(this.notifications.markRead(this.ada, one)).as("already read").isFalse();
		assertThat(this.notifications.unread(this.ada)).isEqualTo(2);

		assertThat(this.notifications.markAllRead(this.ada)).isEqualTo(2);
		assertThat(this.notifications.markAllRead(this.ada)).isZero();
		assertThat(this.notifications.unread(this.ada)).isZero();
		assertThat(this.notifications.unread(this.bob)).isEqualTo(1);
		assertThat(this.notifications.find(this.bob, bobs).orElseThrow().readAt()).isNull();
	}

	@Test
	void deleteRemovesOnlyTheAdminsOwnAndSaysWhich() {
		long read = insert(this.ada, "read");
		long unread = insert(this.ada, "unread");
		long bobs = insert(this.bob, "bob's");
		this.notifications.markRead(this.ada, read);

		assertThat(this.notifications.delete(this.ada, List.of(read, unread, bobs, bobs + 1_000_000)))
			.containsExactlyInAnyOrder(read, unread);
		assertThat(this.notifications.find(this.ada, read)).isEmpty();
		assertThat(this.notifications.find(this.bob, bobs)).isPresent();
		assertThat(this.notifications.unread(this.ada)).isZero();
		assertThat(this.notifications.unread(this.bob)).isEqualTo(1);
	}

	@Test
	void afterResumesInIdOrderWithinTheLimit() {
		long first = insert(this.ada, "1");
		insert(this.bob, "bob's");
		long second = insert(this.ada, "2");
		long third = insert(this.ada, "3");

		assertThat(ids(this.notifications.after(this.ada, 0, 100))).containsExactly(first, second, third);
		assertThat(ids(this.notifications.after(this.ada, first, 100))).containsExactly(second, third);
		assertThat(ids(this.notifications.after(this.ada, first, 1))).containsExactly(second);
		assertThat(this.notifications.after(this.ada, third, 100)).isEmpty();
	}

	@Test
	void lastIdCountsDeletedRowsToo() {
		long id = insert(this.ada, "soon gone");
		assertThat(this.notifications.lastId()).isEqualTo(id);

		this.notifications.delete(this.ada, List.of(id));
		assertThat(this.notifications.lastId()).as("a cursor at a deleted id is still ours").isEqualTo(id);
		assertThat(insert(this.ada, "next")).isGreaterThan(id);
	}

	@Test
	void retentionDeletesOnlyReadNotificationsOlderThanTheCutoff() {
		long oldRead = insert(this.ada, "old read");
		long oldUnread = insert(this.ada, "old unread");
		long newRead = insert(this.ada, "new read");
		this.notifications.markRead(this.ada, oldRead);
		this.notifications.markRead(this.ada, newRead);
		this.jdbc.sql("UPDATE notifications SET created_at = 1000 WHERE id IN (:ids)")
			.param("ids", List.of(oldRead, oldUnread))
			.update();

		assertThat(this.notifications.deleteReadBefore(2000)).isEqualTo(1);
		assertThat(this.notifications.find(this.ada, oldRead)).isEmpty();
		assertThat(this.notifications.find(this.ada, oldUnread)).isPresent();
		assertThat(this.notifications.find(this.ada, newRead)).isPresent();
	}

	/**
	 * Committed writes from several pool connections at once: the trigger-kept count
	 * matches the rows.
	 */
	@Test
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	void theUnreadCountStaysExactUnderConcurrentWriters() throws Exception {
		long admin = AdminRows.insert(this.jdbc, "Concurrent");
		TestThreads.runOn(4, () -> {
			for (int i = 0; i < 25; i++) {
				long id = insert(admin, "n" + i);
				if (i % 2 == 0) {
					this.notifications.markRead(admin, id);
				}
			}
			return null;
		});

		long counted = this.jdbc.sql("SELECT count(*) FROM notifications WHERE admin_id = :id AND read_at IS NULL")
			.param("id", admin)
			.query(Long.class)
			.single();
		assertThat(counted).isEqualTo(4 * 12);
		assertThat(this.notifications.unread(admin)).isEqualTo(counted);
		assertThat(this.notifications.markAllRead(admin)).isEqualTo(counted);
		assertThat(this.notifications.unread(admin)).isZero();
	}

	private long insert(long adminId, String title) {
		return this.notifications.insert(adminId, "info", title, "", null).id();
	}

	private static List<Long> ids(List<Notification> notifications) {
		return notifications.stream().map(Notification::id).toList();
	}

}
