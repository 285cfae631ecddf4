package io.sluice.cli.analytics;

import io.sluice.analytics.format.RecordFormatType;
import io.sluice.analytics.format.RecordWriter;
import io.sluice.analytics.type.RowType;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints each row as it is emitted, as one JSON line: {@code {"stream":"...","ROWTIME":"yyyy-MM-dd
 * HH:mm:ss.SSS", <columns>}}, the columns written by {@link RecordWriter} as a JSON destination writes them
 * (numbers as numbers, datetimes as strings).
 *
 * <p><b>Threading</b>: single-threaded, the run's thread.
 */
final class JsonLinesPrinter implements RowPrinter {

    private final PrintWriter out;
    private final Map<String, RecordWriter> writers = new HashMap<>();

    /** @param streams the streams to print, with their columns */
    JsonLinesPrinter(Map<String, RowType> streams, PrintWriter out) {
        this.out = out;
        streams.forEach((name, type) -> writers.put(name, new RecordWriter(RecordFormatType.JSON, type)));
    }

    @Override
    public void row(String stream, long rowtime, Object[] values) {
        RecordWriter writer = writers.get(stream);
        if (writer == null) {
            return;
        }
        // the writer's object without its opening brace follows the two members this line starts with
        String columns = new String(writer.write(values), StandardCharsets.UTF_8).substring(1);
        StringBuilder line = new StringBuilder(columns.length() + 64)
                .append("{\"stream\":").append(quoted(stream))
                .append(",\"ROWTIME\":\"").append(ValueFormat.timestamp(rowtime)).append('"');
        if (!columns.equals("}")) {
            line.append(',');
        }
        out.println(line.append(columns));
    }

    /** Stream names are SQL identifiers, but quoted identifiers may hold any character. */
    private static String quoted(String text) {
        StringBuilder s = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }

    @Override
    public void finish() {
        out.flush();
    }
}
