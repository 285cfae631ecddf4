package io.sluice.agent.parse;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a record's fields as a COMPACT JSON object straight into the UTF-8 bytes it is sent as, its newline included:
 * the same bytes as {@link JsonText#write} of the fields' map followed by a newline, without the map, the
 * intermediate strings and Jackson's generator, which cost more than the line's parsing at 100,000 lines/s. Names
 * are escaped once, by Jackson's string encoder; a value of plain printable ASCII (the usual log field) is copied
 * as it is and any other value is escaped by the same encoder. Immutable; thread-safe.
 */
final class JsonLineWriter {

    private static final JsonStringEncoder ESCAPES = JsonStringEncoder.getInstance();
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    /** {@code {"name":} for the first field, {@code ,"name":} for the others. */
    private final byte[][] keys;
    private final int keyBytes;

    /** @param names the fields' names, distinct */
    JsonLineWriter(List<String> names) {
        keys = new byte[names.size()][];
        int total = 0;
        for (int i = 0; i < keys.length; i++) {
            keys[i] = (((i == 0) ? "{\"" : ",\"") + new String(ESCAPES.quoteAsString(names.get(i))) + "\":")
                    .getBytes(StandardCharsets.UTF_8);
            total += keys[i].length;
        }
        keyBytes = total;
    }

    /** The object of {@code values} (null: a JSON null), one per name, in order. */
    byte[] write(String[] values) {
        // exact for ASCII values: no copy at the end
        int size = keyBytes + 2;
        for (String value : values) {
            size += value == null ? NULL.length : value.length() + 2;
        }
        Out out = new Out(size);
        for (int i = 0; i < keys.length; i++) {
            out.put(keys[i]);
            if (values[i] == null) {
                out.put(NULL);
            } else {
                out.string(values[i], 0, values[i].length());
            }
        }
        return out.close();
    }

    /**
     * The object whose field i is {@code line} from {@code bounds[2i]} to {@code bounds[2i+1]}, or null where
     * {@code dashIsNull} and that is "-".
     */
    byte[] write(String line, int[] bounds, boolean dashIsNull) {
        int size = keyBytes + 2;
        for (int i = 0; i < keys.length; i++) {
            int length = bounds[2 * i + 1] - bounds[2 * i];
            size += dashIsNull && length == 1 && line.charAt(bounds[2 * i]) == '-' ? NULL.length : length + 2;
        }
        Out out = new Out(size);
        for (int i = 0; i < keys.length; i++) {
            out.put(keys[i]);
            int from = bounds[2 * i];
            int to = bounds[2 * i + 1];
            if (dashIsNull && to - from == 1 && line.charAt(from) == '-') {
                out.put(NULL);
            } else {
                out.string(line, from, to);
            }
        }
        return out.close();
    }

    /** A byte array filled from the front, grown if an escaped value makes it longer than its estimate. */
    private static final class Out {
        private byte[] bytes;
        private int length;

        Out(int estimate) {
            bytes = new byte[estimate];
        }

        void put(byte[] source) {
            room(source.length);
            System.arraycopy(source, 0, bytes, length, source.length);
            length += source.length;
        }

        /** The quoted JSON string of {@code text[from, to)}. */
        void string(String text, int from, int to) {
            room(to - from + 2);
            bytes[length++] = '"';
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                    // the rest as Jackson's generator writes it, then UTF-8 as the record is sent
                    put(new String(ESCAPES.quoteAsString(text.substring(i, to))).getBytes(StandardCharsets.UTF_8));
                    room(1);
                    break;
                }
                bytes[length++] = (byte) c;
            }
            bytes[length++] = '"';
        }

        byte[] close() {
            room(2);
            bytes[length++] = '}';
            bytes[length++] = '\n';
            return length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + more, 2 * bytes.length));
            }
        }
    }
}
