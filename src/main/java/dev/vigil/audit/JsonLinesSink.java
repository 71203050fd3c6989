package dev.vigil.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends each audit entry as one JSON object per line, with the fields of the REST audit
 * API, and forces each batch to disk before its position is stored.
 * <p>
 * On opening, the file's last line tells which entry it already holds: a crash between a
 * written batch and its stored position neither loses nor repeats a line, and a line cut
 * short by a crash is removed. A file renamed or deleted by a log rotation is noticed
 * before the next batch, which starts a new file at the path.
 */
final class JsonLinesSink implements AuditSink {

	/** How much of the file's end is read to find its last line. */
	private static final int TAIL = 1 << 20;

	private final Path path;

	private final JsonMapper json;

	private volatile @Nullable FileChannel channel;

	/** The identity (device and inode) of the open file, to notice a rotation. */
	private @Nullable Object fileKey;

	JsonLinesSink(Path path, JsonMapper json) {
		this.path = path;
		this.json = json;
	}

	@Override
	public String name() {
		return "file";
	}

	@Override
	public String target() {
		return this.path.toString();
	}

	@Override
	public long open(long stored) throws IOException {
		if (this.channel != null) {
			if (sameFile()) {
				return stored;
			}
			// Rotated away (renamed or deleted): continue in a new file at the path.
			close();
		}
		Path parent = this.path.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		long last;
		try (FileChannel file = FileChannel.open(this.path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.READ)) {
			last = lastCompleteLine(file);
		}
		// Appending: a rotation that truncates the file in place (copytruncate) leaves no
		// gap.
		FileChannel opened = FileChannel.open(this.path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
		this.fileKey = Files.readAttributes(this.path, BasicFileAttributes.class).fileKey();
		this.channel = opened;
		return Math.max(stored, last);
	}

	private boolean sameFile() {
		try {
			Object key = Files.readAttributes(this.path, BasicFileAttributes.class).fileKey();
			return key != null && key.equals(this.fileKey);
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** The id of the last complete line (0 when none), dropping an incomplete one. */
	private long lastCompleteLine(FileChannel file) throws IOException {
		long size = file.size();
		if (size == 0) {
			return 0;
		}
		int length = (int) Math.min(size, TAIL);
		ByteBuffer tail = ByteBuffer.allocate(length);
		file.read(tail, size - length);
		byte[] bytes = tail.array();
		int end = length;
		while (end > 0 && bytes[end - 1] != '\n') {
			end--;
		}
		if (end < length) {
			// A line cut short by a crash: its entry is written again, whole.
			file.truncate(size - (length - end));
			file.force(true);
		}
		if (end == 0) {
			return 0;
		}
		int start = end - 1;
		while (start > 0 && bytes[start - 1] != '\n') {
			start--;
		}
		String line = new String(bytes, start, end - 1 - start, StandardCharsets.UTF_8);
		try {
			JsonNode id = this.json.readTree(line).get("id");
			return (id != null && id.canConvertToLong()) ? id.asLong() : 0;
		}
		catch (JacksonException ex) {
			throw new IOException("the last line of " + this.path + " is not an audit entry", ex);
		}
	}

	@Override
	public void write(List<AuditLog.Listed> entries) throws IOException {
		FileChannel file = this.channel;
		if (file == null) {
			throw new IOException("not open");
		}
		StringBuilder lines = new StringBuilder();
		for (AuditLog.Listed entry : entries) {
			lines.append(this.json.writeValueAsString(entry)).append('\n');
		}
		ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
		while (buffer.hasRemaining()) {
			file.write(buffer);
		}
		file.force(false);
	}

	@Override
	public boolean connected() {
		return this.channel != null;
	}

	@Override
	public void close() {
		FileChannel file = this.channel;
		this.channel = null;
		if (file != null) {
			try {
				file.close();
			}
			catch (IOException ex) {
				// Nothing is lost: every batch was forced before its position was stored.
			}
		}
	}

}
