package io.sluice.analytics.host;

import io.sluice.common.UnsupportedFormatVersionException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The bytes of one application's source positions, the same wherever they are kept (the value of its
 * {@link MetaPositions} key, and the older {@link PositionsFile}).
 *
 * <p><b>Format</b> (UTF-8 text, one item a line, fields separated by one space, none of them containing
 * whitespace; lines sorted so that equal contents give equal bytes):
 * <pre>
 * SLUICE-ANALYTICS-POSITIONS 1
 * input &lt;input id&gt; &lt;since millis&gt; &lt;source ARN&gt;
 * shard &lt;input id&gt; &lt;shard id&gt; &lt;sequence number after which to read | SHARD_END&gt;
 * end &lt;CRC-32 of every byte before this line, 8 lowercase hex digits&gt;
 * </pre>
 * A version other than 1 is refused ({@link UnsupportedFormatVersionException}): a newer Sluice wrote it. Bytes
 * whose last line is not a matching {@code end} line are refused with an {@link IOException} naming where they
 * came from rather than guessed at, since starting from the wrong place would lose or repeat output silently.
 *
 * <p><b>Threading</b>: stateless.
 */
final class PositionsCodec {

    static final String SHARD_END = "SHARD_END";
    static final int VERSION = 1;
    private static final String MAGIC = "SLUICE-ANALYTICS-POSITIONS";

    private PositionsCodec() {
    }

    /**
     * @param source what the bytes are (a file, a metadata key), for messages
     * @param remedy what an operator can do about damaged bytes, for messages
     */
    static StoredPositions decode(byte[] bytes, String source, String remedy) throws IOException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.startsWith(MAGIC + " ") || text.indexOf('\n') < 0) {
            throw damaged(source, "it does not start with " + MAGIC, remedy);
        }
        int version = parseVersion(text.substring(MAGIC.length() + 1, text.indexOf('\n')), source, remedy);
        if (version != VERSION) {
            throw new UnsupportedFormatVersionException("analytics positions", source, version, VERSION);
        }
        int endLine = text.lastIndexOf("\nend ");
        if (endLine < 0 || !text.endsWith("\n")) {
            throw damaged(source, "its end line is missing", remedy);
        }
        String crc = text.substring(endLine + 5, text.length() - 1);
        if (!crc.equals(crc(text.substring(0, endLine + 1).getBytes(StandardCharsets.UTF_8)))) {
            throw damaged(source, "its checksum does not match", remedy);
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
                throw damaged(source, "line " + (i + 1) + " is not an input or a shard", remedy);
            }
        }
        Map<String, StoredPositions.Input> out = new HashMap<>();
        for (String[] f : inputs.values()) {
            out.put(f[1], new StoredPositions.Input(f[3], Long.parseLong(f[2]), shards.getOrDefault(f[1], Map.of())));
        }
        return new StoredPositions(out);
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

    private static int parseVersion(String text, String source, String remedy) throws IOException {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw damaged(source, "its version is not a number", remedy);
        }
    }

    private static IOException damaged(String source, String why, String remedy) {
        return new IOException("analytics positions " + source + " are damaged (" + why + "); " + remedy);
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
