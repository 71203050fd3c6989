package dev.vigil.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The JSON lines file tells, when opened, which entry it already holds, and drops a line
 * a crash cut short.
 */
class JsonLinesSinkTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dir;

	private static AuditLog.Listed entry(long id) {
		return new AuditLog.Listed(id, null, null, null, "cleanup", "", "", "", "", "", Instant.EPOCH);
	}

	@Test
	void aNewFileHoldsNothingAndLinesAreAppended() throws IOException {
		Path file = this.dir.resolve("sub/audit.jsonl");
		JsonLinesSink sink = new JsonLinesSink(file, JSON);
		assertThat(sink.open(5)).isEqualTo(5);
		sink.write(List.of(entry(6), entry(7)));
		sink.close();
		JsonLinesSink again = new JsonLinesSink(file, JSON);
		assertThat(again.open(6)).as("the file already holds entry 7").isEqualTo(7);
		again.write(List.of(entry(8)));
		again.close();
		assertThat(Files.readAllLines(file)).extracting((line) -> JSON.readTree(line).get("id").asLong())
			.containsExactly(6L, 7L, 8L);
	}

	@Test
	void aLineCutShortIsDropped() throws IOException {
		Path file = this.dir.resolve("audit.jsonl");
		Files.writeString(file, "{\"id\":3}\n{\"id\":4,\"act");
		JsonLinesSink sink = new JsonLinesSink(file, JSON);
		assertThat(sink.open(0)).isEqualTo(3);
		sink.write(List.of(entry(4)));
		sink.close();
		assertThat(Files.readAllLines(file)).hasSize(2).last().satisfies((line) -> assertThat(line).startsWith("{"));
	}

	@Test
	void aRotatedFileIsFollowedByANewOneAtThePath() throws IOException {
		Path file = this.dir.resolve("audit.jsonl");
		JsonLinesSink sink = new JsonLinesSink(file, JSON);
		sink.open(0);
		sink.write(List.of(entry(1)));
		Files.move(file, this.dir.resolve("audit.jsonl.1"));
		assertThat(sink.open(1)).isEqualTo(1);
		sink.write(List.of(entry(2)));
		sink.close();
		assertThat(Files.readAllLines(this.dir.resolve("audit.jsonl.1"))).hasSize(1);
		assertThat(Files.readAllLines(file)).singleElement()
			.satisfies((line) -> assertThat(JSON.readTree(line).get("id").asLong()).isEqualTo(2));
	}

	@Test
	void aFileTruncatedInPlaceGetsNoGap() throws IOException {
		Path file = this.dir.resolve("audit.jsonl");
		JsonLinesSink sink = new JsonLinesSink(file, JSON);
		sink.open(0);
		sink.write(List.of(entry(1), entry(2)));
		try (var truncate = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
			truncate.truncate(0);
		}
		sink.open(2);
		sink.write(List.of(entry(3)));
		sink.close();
		assertThat(Files.readString(file)).startsWith("{\"id\":3");
	}

	@Test
	void aFileThatIsNotAnAuditLogIsRefused() throws IOException {
		Path file = this.dir.resolve("audit.jsonl");
		Files.writeString(file, "hello\n");
		assertThatIOException().isThrownBy(() -> new JsonLinesSink(file, JSON).open(0));
	}

}
