package io.sluice.analytics.host;

import io.sluice.common.UnsupportedFormatVersionException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * One application's source positions on disk: the file {@code positions} in the application's directory.
 *
 * <p><b>Format</b> (UTF-8 text, one item a line, fields separated by one space, none of them containing
 * whitespace; lines sorted so that equal contents give equal bytes):
 * <pre>
 * SLUICE-ANALYTICS-POSITIONS 1
 * input &lt;input id&gt; &lt;since millis&gt; &lt;source ARN&gt;
 * shard &lt;input id&gt; &lt;shard id&gt; &lt;sequence number after which to read | SHARD_END&gt;
 * end &lt;CRC-32 of every byte before this line, 8 lowercase hex digits&gt;
 * </pre>
 * A version other than 1 is refused ({@link UnsupportedFormatVersionException}): a newer Sluice wrote it.
 *
 * <p><b>Recovery rule</b>: a write goes to {@code positions.tmp}, is forced, and is renamed over {@code positions}
 * (then the directory is forced), so a crash at any moment leaves either the previous file or the new one whole; a
 * torn write is a left-over {@code positions.tmp}, which {@link #read} deletes: the previous state stands. A
 * {@code positions} file whose last line is not a matching {@code end} line was damaged after it was written (the
 * rename never exposes a partial file); it is refused with an {@link IOException} naming the file rather than
 * guessed at, since starting from the wrong place would lose or repeat output silently.
 *
 * <p><b>Threading</b>: not thread-safe; one application task writes its own file.
 */
final class PositionsFile {

    static final String SHARD_END = "SHARD_END";
    static final int VERSION = 1;
    private static final String MAGIC = "SLUICE-ANALYTICS-POSITIONS";

    private final Path file;
    private final Path temp;

    PositionsFile(Path directory) {
        this.file = directory.resolve("positions");
        this.temp = directory.resolve("positions.tmp");
    }

    Path path() {
        return file;
    }

    /** The stored positions, or {@link StoredPositions#NONE} when none were ever written. */
    StoredPositions read() throws IOException {
        Files.deleteIfExists(temp);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return StoredPositions.NONE;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int endLine = text.lastIndexOf("\nend ");
        if (!text.startsWith(MAGIC + " ")) {
            throw damaged("it does not start with " + MAGIC);
        }
        int version = parseVersion(text.substring(MAGIC.length() + 1, text.indexOf('\n')));
        if (version != VERSION) {
            throw new UnsupportedFormatVersionException("analytics positions", file.toString(), version, VERSION);
        }
        if (endLine < 0 || !text.endsWith("\n")) {
            throw damaged("its end line is missing");
        }
        String crc = text.substring(endLine + 5, text.length() - 1);
        if (!crc.equals(crc(text.substring(0, endLine + 1).getBytes(StandardCharsets.UTF_8)))) {
            throw damaged("its checksum does not match");
        }
        Map<String, String[]> inputs = new TreeMap<>();
        Map<String, Map<String, String>> shards = new HashMap<>();
        String[] lines = text.substring(0, endLine).split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(" ");
            if (f[0].equals("input") && f.length == 4) {
                inputs.put(f[1], f);
            } else if (f[0].equals("shard") && f.length == 4) {
                shards.computeIfAbsent(f[1], k -> new HashMap<>()).put(f[2], f[3]);
            } else {
                throw damaged("line " + (i + 1) + " is not an input or a shard");
            }
        }
        Map<String, StoredPositions.Input> out = new HashMap<>();
        for (String[] f : inputs.values()) {
            out.put(f[1], new StoredPositions.Input(f[3], Long.parseLong(f[2]), shards.getOrDefault(f[1], Map.of())));
        }
        return new StoredPositions(out);
    }

    private int parseVersion(String text) throws IOException {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw damaged("its version is not a number");
        }
    }

    private IOException damaged(String why) {
        return new IOException("analytics positions file " + file + " is damaged (" + why + "); move it away to "
                + "start the application from its starting position instead");
    }

    /** Replaces the stored positions, durably. */
    void write(StoredPositions positions) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] body = encode(positions);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(body);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    /** Forgets the positions (a deleted application). */
    void delete() throws IOException {
        Files.deleteIfExists(temp);
        Files.deleteIfExists(file);
        if (Files.isDirectory(file.getParent())) {
            try (var rest = Files.list(file.getParent())) {
                if (rest.findAny().isEmpty()) {
                    Files.delete(file.getParent());
                }
            }
        }
    }

    static byte[] encode(StoredPositions positions) {
        StringBuilder text = new StringBuilder(MAGIC).append(' ').append(VERSION).append('\n');
        Map<String, StoredPositions.Input> sorted = new TreeMap<>(positions.inputs());
        for (var input : sorted.entrySet()) {
            text.append("input ").append(field(input.getKey())).append(' ').append(input.getValue().sinceMillis())
                    .append(' ').append(field(input.getValue().resourceArn())).append('\n');
        }
        for (var input : sorted.entrySet()) {
            for (var shard : new TreeMap<>(input.getValue().shards()).entrySet()) {
                text.append("shard ").append(field(input.getKey())).append(' ').append(field(shard.getKey()))
                        .append(' ').append(field(shard.getValue())).append('\n');
            }
        }
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        return (text + "end " + crc(body) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String field(String value) {
        if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a positions field must be non-empty without whitespace: '" + value
                    + "'");
        }
        return value;
    }

    private static String crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return String.format("%08x", crc.getValue());
    }
}
