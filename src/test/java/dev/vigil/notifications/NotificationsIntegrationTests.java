package dev.vigil.notifications;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.vigil.support.VigilClient;
import dev.vigil.support.VigilIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notifications REST API through a real port. Tests share one server and database, so
 * each one works on admins it creates and asserts only on their own notifications.
 */
@VigilIntegrationTest
class NotificationsIntegrationTests {

	static final String API = "/api/admin/notifications";

	static final String PASSWORD = "password-123";

	@LocalServerPort
	int port;

	private VigilClient root;

	@BeforeEach
	void logInAsRoot() {
		this.root = VigilClient.root(this.port);
	}

	@Test
	void listIsNewestFirstWithTotalAndUnreadCount() {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		long viewerId = viewer.adminId();
		JsonNode empty = list(viewer, "");
		assertThat(empty.get("notifications").isArray()).isTrue();
		assertThat(empty.get("notifications")).isEmpty();
		assertThat(empty.get("total").asLong()).isZero();
		assertThat(empty.get("unread").asLong()).isZero();

		long first = send(Map.of("admin_id", viewerId, "title", "First", "message", "plain"));
		long second = send(Map.of("admin_id", viewerId, "type", "warning", "title", "Second", "data",
				Map.of("disk", "/data", "used", 92)));
		long third = send(Map.of("admin_id", viewerId, "type", "error", "title", "Third"));

		JsonNode page = list(viewer, "");
		assertThat(ids(page)).containsExactly(third, second, first);
		assertThat(page.get("total").asLong()).isEqualTo(3);
		assertThat(page.get("unread").asLong()).isEqualTo(3);

		JsonNode plain = byId(page, first);
		assertThat(plain.get("id").asLong()).isEqualTo(first);
		assertThat(plain.get("entity_type").asString()).isEqualTo("admin");
		assertThat(plain.get("entity_id").asLong()).isEqualTo(viewerId);
		assertThat(plain.get("type").asString()).as("default type").isEqualTo("info");
		assertThat(plain.get("title").asString()).isEqualTo("First");
		assertThat(plain.get("message").asString()).isEqualTo("plain");
		assertThat(Instant.parse(plain.get("created_at").asString())).isNotNull();
		assertThat(plain.has("read_at")).isFalse();
		assertThat(plain.has("data")).isFalse();

		JsonNode withData = byId(page, second);
		assertThat(withData.get("type").asString()).isEqualTo("warning");
		assertThat(withData.get("data").isObject()).isTrue();
		assertThat(withData.get("data").get("disk").asString()).isEqualTo("/data");
		assertThat(withData.get("data").get("used").asInt()).isEqualTo(92);

		assertThat(byId(page, third).get("message").asString()).as("no message given").isEmpty();
	}

	@Test
	void unreadFilterCountsFilteredRowsWhileUnreadIsAlwaysTheUnreadCount() {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		long viewerId = viewer.adminId();
		long a = send(viewerId, "info", "A");
		long b = send(viewerId, "info", "B");
		long c = send(viewerId, "info", "C");
		viewer.post(API + "/" + b + "/read", null).assertStatus(200);

		JsonNode unread = list(viewer, "?unread=true");
		assertThat(ids(unread)).containsExactly(c, a);
		assertThat(unread.get("total").asLong()).isEqualTo(2);
		assertThat(unread.get("unread").asLong()).isEqualTo(2);

		JsonNode all = list(viewer, "?unread=false");
		assertThat(ids(all)).containsExactly(c, b, a);
		assertThat(all.get("total").asLong()).isEqualTo(3);
		assertThat(all.get("unread").asLong()).isEqualTo(2);
		assertThat(Instant.parse(byId(all, b).get("read_at").asString())).isNotNull();
		assertThat(byId(all, a).has("read_at")).isFalse();
		assertThat(byId(all, c).has("read_at")).isFalse();

		JsonNode count = viewer.get(API + "/unread-count").assertStatus(200).json();
		assertThat(count.propertyNames()).containsExactly("unread");
		assertThat(count.get("unread").asLong()).isEqualTo(2);
	}

	@Test
	void limitAndOffsetPageThroughTheList() {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		long viewerId = viewer.adminId();
		List<Long> sent = LongStream.range(0, 5).map((i) -> send(viewerId, "info", "N" + i)).boxed().toList();
		List<Long> newestFirst = sent.stream().sorted(Comparator.reverseOrder()).toList();

		JsonNode firstPage = list(viewer, "?limit=2");
		assertThat(ids(firstPage)).isEqualTo(newestFirst.subList(0, 2));
		assertThat(firstPage.get("total").asLong()).isEqualTo(5);
		assertThat(ids(list(viewer, "?limit=2&offset=2"))).isEqualTo(newestFirst.subList(2, 4));
		assertThat(ids(list(viewer, "?limit=2&offset=4"))).isEqualTo(newestFirst.subList(4, 5));
		JsonNode beyond = list(viewer, "?limit=2&offset=5");
		assertThat(beyond.get("notifications")).isEmpty();
		assertThat(beyond.get("total").asLong()).isEqualTo(5);
		// Out-of-range values fall back to the defaults rather than failing.
		assertThat(ids(list(viewer, "?limit=0&offset=-3"))).isEqualTo(newestFirst);
	}

	@Test
	void limitDefaultsTo50AndIsCappedAt100() {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		long viewerId = viewer.adminId();
		for (int i = 0; i < 101; i++) {
			send(viewerId, "info", "Bulk " + i);
		}
		JsonNode byDefault = list(viewer, "");
		assertThat(byDefault.get("notifications")).hasSize(50);
		assertThat(byDefault.get("total").asLong()).isEqualTo(101);
		assertThat(list(viewer, "?limit=500").get("notifications")).hasSize(100);
	}

	@Test
	void sortIsWhitelistedAndUnknownKeysFallBackToNewestFirst() {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		long viewerId = viewer.adminId();
		long warning = send(viewerId, "warning", "W");
		long error = send(viewerId, "error", "E");
		long info = send(viewerId, "info", "I");
		long success = send(viewerId, "success", "S");

		assertThat(ids(list(viewer, "?sort=type&order=asc"))).containsExactly(error, info, success, warning);
		assertThat(ids(list(viewer, "?sort=type&order=desc"))).containsExactly(warning, success, info, error);
		assertThat(ids(list(viewer, "?sort=id&order=asc"))).containsExactly(warning, error, info, success);
		for (String sort : List.of("title", "admin_id", "read_at; DROP TABLE notifications")) {
			assertThat(ids(list(viewer, "?sort=" + encode(sort) + "&order=asc"))).as("sort=%s", sort)
				.containsExactly(warning, error, info, success);
			assertThat(ids(list(viewer, "?sort=" + encode(sort)))).as("sort=%s", sort)
				.containsExactly(success, info, error, warning);
		}
		assertThat(ids(list(viewer, "?sort=type&order=sideways"))).as("unknown order is DESC")
			.containsExactly(warning, success, info, error);
	}

	@Test
	void markingReadIsIdempotentAndUnknownIdsAre404() {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		long viewerId = viewer.adminId();
		long a = send(viewerId, "info", "A");
		send(viewerId, "info", "B");

		JsonNode ok = viewer.post(API + "/" + a + "/read", null).assertStatus(200).json();
		assertThat(ok.get("ok").asBoolean()).isTrue();
		assertThat(unreadCount(viewer)).isEqualTo(1);
		String readAt = byId(list(viewer, ""), a).get("read_at").asString();

		viewer.post(API + "/" + a + "/read", null).assertStatus(200);
		assertThat(byId(list(viewer, ""), a).get("read_at").asString()).as("first read time kept").isEqualTo(readAt);
		assertThat(unreadCount(viewer)).isEqualTo(1);

		viewer.post(API + "/999999999/read", null).assertProblem(404, "notification not found");
		viewer.post(API + "/abc/read", null).assertProblem(400, "invalid id");
	}

	@Test
	void anotherAdminsNotificationCannotBeReadOrDeleted() {
		VigilClient owner = VigilClient.withNewAdmin(this.port, "viewer");
		VigilClient other = VigilClient.withNewAdmin(this.port, "admin");
		long notification = send(owner.adminId(), "info", "Private");

		other.post(API + "/" + notification + "/read", null).assertProblem(404, "notification not found");
		other.delete(API + "/" + notification).assertProblem(404, "notification not found");
		JsonNode bulk = other.post(API + "/bulk-delete", Map.of("ids", List.of(notification))).assertStatus(200).json();
		assertThat(bulk.get("affected").asInt()).isZero();
		assertThat(list(other, "").get("total").asLong()).isZero();

		JsonNode mine = list(owner, "");
		assertThat(ids(mine)).containsExactly(notification);
		assertThat(byId(mine, notification).has("read_at")).isFalse();
		assertThat(unreadCount(owner)).isEqualTo(1);
	}

	@Test
	void readAllMarksOnlyTheCallersUnreadNotifications() {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		VigilClient other = VigilClient.withNewAdmin(this.port, "viewer");
		long viewerId = viewer.adminId();
		long read = send(viewerId, "info", "A");
		send(viewerId, "info", "B");
		send(viewerId, "info", "C");
		send(other.adminId(), "info", "Other's");
		viewer.post(API + "/" + read + "/read", null).assertStatus(200);

		JsonNode marked = viewer.post(API + "/read-all", null).assertStatus(200).json();
		assertThat(marked.get("ok").asBoolean()).isTrue();
		assertThat(marked.get("marked").asInt()).isEqualTo(2);
		assertThat(unreadCount(viewer)).isZero();
		list(viewer, "").get("notifications").forEach((n) -> assertThat(n.has("read_at")).isTrue());
		assertThat(viewer.post(API + "/read-all", null).assertStatus(200).json().get("marked").asInt()).isZero();
		assertThat(unreadCount(other)).isEqualTo(1);
	}

	@Test
	void deleteRemovesTheNotificationOnce() {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		long viewerId = viewer.adminId();
		long a = send(viewerId, "info", "A");
		long b = send(viewerId, "info", "B");

		JsonNode ok = viewer.delete(API + "/" + a).assertStatus(200).json();
		assertThat(ok.get("ok").asBoolean()).isTrue();
		JsonNode page = list(viewer, "");
		assertThat(ids(page)).containsExactly(b);
		assertThat(page.get("unread").asLong()).isEqualTo(1);
		viewer.delete(API + "/" + a).assertProblem(404, "notification not found");
		viewer.post(API + "/" + a + "/read", null).assertProblem(404, "notification not found");
	}

	@Test
	void bulkDeleteCountsOnlyTheCallersIdsAndValidatesTheList() {
		VigilClient owner = VigilClient.withNewAdmin(this.port, "viewer");
		VigilClient other = VigilClient.withNewAdmin(this.port, "viewer");
		long ownerId = owner.adminId();
		long a = send(ownerId, "info", "A");
		long b = send(ownerId, "info", "B");
		long c = send(ownerId, "info", "C");
		long others = send(other.adminId(), "info", "Other's");

		JsonNode result = owner.post(API + "/bulk-delete", Map.of("ids", List.of(a, b, others, 999999999L)))
			.assertStatus(200)
			.json();
		assertThat(result.get("ok").asBoolean()).isTrue();
		assertThat(result.get("affected").asInt()).isEqualTo(2);
		assertThat(ids(list(owner, ""))).containsExactly(c);
		assertThat(ids(list(other, ""))).containsExactly(others);
		assertThat(owner.post(API + "/bulk-delete", Map.of("ids", List.of(c, c))).json().get("affected").asInt())
			.as("duplicate ids count once")
			.isEqualTo(1);

		owner.post(API + "/bulk-delete", Map.of("ids", List.of())).assertProblem(400, "ids required");
		owner.post(API + "/bulk-delete", Map.of()).assertProblem(400, "ids required");
		owner.post(API + "/bulk-delete", Map.of("ids", LongStream.rangeClosed(1, 101).boxed().toList()))
			.assertProblem(400, "maximum 100 ids per request");
		owner.post(API + "/bulk-delete", Map.of("ids", List.of("x"))).assertProblem(400, "invalid request body");
		assertThat(ids(list(other, ""))).as("rejected requests delete nothing").containsExactly(others);
	}

	@Test
	void exportIsACsvAttachmentOfTheCallersNotifications() {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		VigilClient other = VigilClient.withNewAdmin(this.port, "viewer");
		long viewerId = viewer.adminId();
		long plain = send(Map.of("admin_id", viewerId, "title", "Plain", "message", "hello"));
		long formula = send(Map.of("admin_id", viewerId, "type", "error", "title", "=SUM(A1:A9)"));
		long comma = send(Map.of("admin_id", viewerId, "type", "warning", "title", "Disk, almost full"));
		send(other.adminId(), "info", "Not yours " + UUID.randomUUID());
		viewer.post(API + "/" + plain + "/read", null).assertStatus(200);
		JsonNode page = list(viewer, "");

		VigilClient.Response csv = viewer.get(API + "/export").assertStatus(200);
		assertThat(csv.header("Content-Type")).startsWith("text/csv");
		assertThat(csv.header("Content-Disposition")).matches("attachment; filename=\"notifications-\\d{8}\\.csv\"");
		assertThat(csv.body()).endsWith("\r\n").doesNotContain("Not yours");
		List<String> lines = List.of(csv.body().split("\r\n"));
		assertThat(lines).containsExactly("ID,Type,Title,Message,Read At,Created At",
				comma + ",warning,\"Disk, almost full\",,," + byId(page, comma).get("created_at").asString(),
				formula + ",error,'=SUM(A1:A9),,," + byId(page, formula).get("created_at").asString(),
				plain + ",info,Plain,hello," + byId(page, plain).get("read_at").asString() + ","
						+ byId(page, plain).get("created_at").asString());
	}

	@Test
	void sendToOneAdminIsCreatedAndAudited() {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		long viewerId = viewer.adminId();
		String title = "Backup finished " + UUID.randomUUID();

		JsonNode sent = this.root
			.post(API + "/send",
					Map.of("admin_id", viewerId, "type", "success", "title", "  " + title + "  ", "message", "42 MB"))
			.assertStatus(201)
			.json();
		assertThat(sent.get("ok").asBoolean()).isTrue();
		assertThat(sent.get("sent").asInt()).isEqualTo(1);
		long id = sent.get("id").asLong();

		JsonNode received = list(viewer, "").get("notifications").get(0);
		assertThat(received.get("id").asLong()).isEqualTo(id);
		assertThat(received.get("type").asString()).isEqualTo("success");
		assertThat(received.get("title").asString()).as("title is trimmed").isEqualTo(title);
		assertThat(received.get("message").asString()).isEqualTo("42 MB");

		assertThat(sendAudits(title)).singleElement().satisfies((e) -> {
			assertThat(e.get("entity_type").asString()).isEqualTo("admin");
			assertThat(e.get("entity_id").asString()).isEqualTo(Long.toString(viewerId));
			assertThat(e.get("admin_email").asString()).isEqualTo(VigilClient.ROOT_EMAIL);
		});
	}

	@Test
	void sendToAllReachesEveryActiveAdminAndNoInactiveOne() {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		VigilClient admin = VigilClient.withNewAdmin(this.port, "admin");
		Account inactive = createAdmin(this.root, "viewer");
		this.root.put("/api/admin/admins/" + inactive.id(), Map.of("is_active", false)).assertStatus(200);
		String title = "Maintenance tonight " + UUID.randomUUID();

		JsonNode sent = this.root.post(API + "/send", Map.of("all", true, "type", "warning", "title", title))
			.assertStatus(201)
			.json();
		assertThat(sent.get("ok").asBoolean()).isTrue();
		assertThat(sent.get("sent").asInt()).isGreaterThanOrEqualTo(3);
		assertThat(sent.has("id")).isFalse();

		for (VigilClient recipient : List.of(viewer, admin, this.root)) {
			assertThat(titles(list(recipient, "?limit=100"))).containsOnlyOnce(title);
		}
		this.root.put("/api/admin/admins/" + inactive.id(), Map.of("is_active", true)).assertStatus(200);
		assertThat(titles(list(signIn(inactive, Map.of()), "?limit=100"))).doesNotContain(title);

		assertThat(sendAudits(title)).singleElement()
			.satisfies((e) -> assertThat(e.get("entity_id").asString()).isEqualTo("all"));
	}

	@Test
	void anInvalidSendIs422NamingTheFieldAndNotifiesNobody() {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		long id = viewer.adminId();

		// Each rule is a NotificationsControllerTests case; here one of them end to end.
		assertInvalid(Map.of("admin_id", id, "title", "x".repeat(201)), "title", "at most 200 characters");
		assertInvalid(Map.of("admin_id", 999999999L, "title", "T"), "admin_id", "no active admin with this id");
		this.root.post(API + "/send", "{\"admin_id\":").assertProblem(400, "invalid request body");

		assertThat(list(viewer, "").get("total").asLong()).isZero();
	}

	@Test
	void everyRoleReadsItsOwnNotificationsButOnlyScopedRolesSend() {
		VigilClient viewer = VigilClient.withNewAdmin(this.port, "viewer");
		VigilClient admin = VigilClient.withNewAdmin(this.port, "admin");
		JsonNode viewerAuth = viewer.get("/api/admin/auth").json().get("admin");
		JsonNode adminAuth = admin.get("/api/admin/auth").json().get("admin");
		long viewerId = viewerAuth.get("id").asLong();
		// Role.ADMIN carries admin:notifications; a viewer only reads.
		assertThat(adminAuth.get("scopes").valueStream().map(JsonNode::asString)).contains("admin:notifications");
		assertThat(viewerAuth.get("scopes").valueStream().map(JsonNode::asString))
			.doesNotContain("admin:notifications");

		for (VigilClient client : List.of(viewer, admin)) {
			client.get(API).assertStatus(200);
			client.get(API + "/unread-count").assertStatus(200);
			client.get(API + "/export").assertStatus(200);
		}
		viewer.post(API + "/send", Map.of("admin_id", admin.adminId(), "title", "From a viewer"))
			.assertProblem(403, "insufficient permissions");
		assertThat(list(admin, "").get("total").asLong()).isZero();

		long id = admin.post(API + "/send", Map.of("admin_id", viewerId, "title", "From an admin"))
			.assertStatus(201)
			.json()
			.get("id")
			.asLong();
		assertThat(ids(list(viewer, ""))).containsExactly(id);

		VigilClient anonymous = new VigilClient(this.port);
		anonymous.get(API).assertProblem(401, "authentication required");
		anonymous.get(API + "/unread-count").assertProblem(401, "authentication required");
		anonymous.get(API + "/export").assertProblem(401, "authentication required");
	}

	@Test
	void aSignInFromANewDeviceWarnsThatAdmin() {
		Account account = createAdmin(this.root, "viewer");
		// Both use the JDK client's default User-Agent (Java-http-client/<version>): one
		// device.
		VigilClient first = signIn(account, Map.of());
		signIn(account, Map.of());
		assertThat(list(first, "").get("total").asLong()).as("the first device is not news").isZero();

		signIn(account, Map.of("User-Agent", "Other/1.0"));
		JsonNode page = list(first, "");
		assertThat(page.get("total").asLong()).isEqualTo(1);
		JsonNode warning = page.get("notifications").get(0);
		assertThat(warning.get("type").asString()).isEqualTo("warning");
		assertThat(warning.get("title").asString()).isEqualTo("New sign-in");
		assertThat(warning.get("message").asString()).contains("Other/1.0");
		assertThat(warning.get("data").get("user_agent").asString()).isEqualTo("Other/1.0");
		assertThat(warning.get("data").get("session_id").asString()).isNotBlank();

		// Both devices are known now.
		signIn(account, Map.of("User-Agent", "Other/1.0"));
		signIn(account, Map.of());
		assertThat(list(first, "").get("total").asLong()).isEqualTo(1);
	}

	@Test
	void adminChangesNotifyTheOtherSuperadminsButNotTheActor() {
		VigilClient watcher = VigilClient.withNewAdmin(this.port, "superadmin");
		long rootId = this.root.adminId();
		long watcherId = watcher.adminId();

		Account account = createAdmin(this.root, "viewer");
		JsonNode created = changeNotice(watcher, account.id(), "created");
		assertThat(created.get("type").asString()).isEqualTo("info");
		assertThat(created.get("title").asString()).isEqualTo("Admin created");
		assertThat(created.get("message").asString()).contains(account.email());
		assertThat(created.get("data").get("by").asLong()).isEqualTo(rootId);

		this.root.put("/api/admin/admins/" + account.id(), Map.of("is_active", false)).assertStatus(200);
		assertThat(changeNotice(watcher, account.id(), "deactivated").get("title").asString())
			.isEqualTo("Admin deactivated");
		this.root.delete("/api/admin/admins/" + account.id()).assertStatus(200);
		assertThat(changeNotice(watcher, account.id(), "deleted").get("title").asString()).isEqualTo("Admin deleted");
		assertThat(changeNotices(this.root, account.id())).as("the actor is not told").isEmpty();

		// The other way round: the watcher acts, root is told.
		Account byWatcher = createAdmin(watcher, "viewer");
		assertThat(changeNotice(this.root, byWatcher.id(), "created").get("data").get("by").asLong())
			.isEqualTo(watcherId);
		assertThat(changeNotices(watcher, byWatcher.id())).isEmpty();

		// A new superadmin is not told about its own creation.
		Account newSuperadmin = createAdmin(this.root, "superadmin");
		assertThat(changeNotices(signIn(newSuperadmin, Map.of()), newSuperadmin.id())).isEmpty();
		assertThat(changeNotice(watcher, newSuperadmin.id(), "created")).isNotNull();
	}

	private record Account(long id, String email) {
	}

	private Account createAdmin(VigilClient by, String role) {
		String email = VigilClient.uniqueEmail();
		long id = by.post("/api/admin/admins", Map.of("email", email, "password", PASSWORD, "role", role))
			.assertStatus(201)
			.json()
			.get("admin")
			.get("id")
			.asLong();
		return new Account(id, email);
	}

	private VigilClient signIn(Account account, Map<String, String> headers) {
		VigilClient client = new VigilClient(this.port);
		client.send("POST", "/api/admin/auth/login", Map.of("email", account.email(), "password", PASSWORD), headers)
			.assertStatus(200);
		return client;
	}

	private long send(long adminId, String type, String title) {
		return send(Map.of("admin_id", adminId, "type", type, "title", title));
	}

	private long send(Map<String, ?> body) {
		JsonNode sent = this.root.post(API + "/send", body).assertStatus(201).json();
		assertThat(sent.get("sent").asInt()).isEqualTo(1);
		return sent.get("id").asLong();
	}

	private void assertInvalid(Map<String, ?> body, String field, String message) {
		JsonNode fields = this.root.post(API + "/send", body)
			.assertProblem(422, "validation failed")
			.json()
			.get("fields");
		assertThat(fields.propertyNames()).as("fields of %s", body).containsExactly(field);
		assertThat(fields.get(field).asString()).isEqualTo(message);
	}

	private List<JsonNode> sendAudits(String title) {
		JsonNode entries = this.root.get("/api/admin/audit?action=notification.send&search=" + encode(title))
			.assertStatus(200)
			.json()
			.get("entries");
		entries.forEach((e) -> assertThat(e.get("action").asString()).isEqualTo("notification.send"));
		return entries.valueStream().filter((e) -> e.get("details").asString().equals(title)).toList();
	}

	/**
	 * The admin-change notifications about {@code adminId} among the admin's latest 100.
	 */
	private static List<JsonNode> changeNotices(VigilClient client, long adminId) {
		return list(client, "?limit=100").get("notifications")
			.valueStream()
			.filter((n) -> n.has("data") && n.get("data").path("admin_id").asLong(-1) == adminId
					&& n.get("data").has("change"))
			.toList();
	}

	private static JsonNode changeNotice(VigilClient client, long adminId, String change) {
		List<JsonNode> matching = changeNotices(client, adminId).stream()
			.filter((n) -> n.get("data").get("change").asString().equals(change))
			.toList();
		assertThat(matching).as("'%s' notices about admin %d", change, adminId).hasSize(1);
		return matching.get(0);
	}

	private static JsonNode list(VigilClient client, String query) {
		return client.get(API + query).assertStatus(200).json();
	}

	private static long unreadCount(VigilClient client) {
		return client.get(API + "/unread-count").assertStatus(200).json().get("unread").asLong();
	}

	private static List<Long> ids(JsonNode page) {
		return page.get("notifications").valueStream().map((n) -> n.get("id").asLong()).toList();
	}

	private static List<String> titles(JsonNode page) {
		return page.get("notifications").valueStream().map((n) -> n.get("title").asString()).toList();
	}

	private static JsonNode byId(JsonNode page, long id) {
		return page.get("notifications")
			.valueStream()
			.filter((n) -> n.get("id").asLong() == id)
			.findFirst()
			.orElseThrow(() -> new AssertionError("notification " + id + " not in " + page));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
