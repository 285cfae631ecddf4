package io.sluice.analytics.runtime;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * {@code error_stream}'s DATA_ROW for a row that failed in a pump: the row's values as text, comma-separated in
 * column order (NULL as an empty field, strings as they are, other values in their Java text form), UTF-8
 * encoded, then written in lower-case hex. KDA documents DATA_ROW as hex without fixing its encoding; text makes
 * the hex decodable by anyone ({@code xxd -r -p}).
 *
 * <p><b>Threading</b>: stateless.
 */
public final class DataRowText {

    private DataRowText() {
    }

    public static String hex(Object[] values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            if (values[i] != null) {
                text.append(values[i]);
            }
        }
        return HexFormat.of().formatHex(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
