package io.sluice.analytics.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the rows of an in-application stream as an output's destination records (KDA's {@code DestinationSchema}
 * JSON or CSV), one record per row, visible columns only (not ROWTIME nor hidden source columns), in column order.
 * <ul>
 *   <li>JSON: one object, the column names (exact case) as keys. NULL is {@code null}; BOOLEAN {@code true}/
 *   {@code false}; integers, REAL, DOUBLE and DECIMAL are JSON numbers (DECIMAL written plainly with its scale);
 *   character values are strings; TIMESTAMP {@code "yyyy-MM-dd HH:mm:ss.SSS"}, DATE {@code "yyyy-MM-dd"}, TIME
 *   {@code "HH:mm:ss"} are strings (UTC); binary values base64 strings. A value that is not a finite number
 *   (NaN) is written as a string.</li>
 *   <li>CSV: fields separated by {@code ,}, the record ended by {@code \n}; NULL is an empty field; a field holding
 *   a comma, a quote or a line break is quoted with {@code "} and its quotes doubled.</li>
 * </ul>
 * KDA's pages do not spell out how each type is written; this is the choice stated above. Immutable and
 * thread-safe.
 */
public final class RecordWriter {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final RecordFormatType format;
    private final List<Column> columns;
    private final int[] positions;

    public RecordWriter(RecordFormatType format, RowType rowType) {
        if (format == null || rowType == null) {
            throw new IllegalArgumentException("a record writer needs a format and a row type");
        }
        this.format = format;
        List<Column> visible = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < rowType.size(); i++) {
            if (!rowType.column(i).hidden()) {
                visible.add(rowType.column(i));
                at.add(i);
            }
        }
        this.columns = List.copyOf(visible);
        this.positions = at.stream().mapToInt(Integer::intValue).toArray();
    }

    /** One destination record for a row whose values follow the row type's columns. */
    public byte[] write(Object[] values) {
        return format == RecordFormatType.JSON ? json(values) : csv(values);
    }

    private byte[] json(Object[] values) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(128)) {
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                for (int i = 0; i < columns.size(); i++) {
                    Column column = columns.get(i);
                    g.writeFieldName(column.name());
                    writeJson(g, column, values[positions[i]]);
                }
                g.writeEndObject();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    private static void writeJson(JsonGenerator g, Column column, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
            return;
        }
        switch (column.type().name()) {
            case BOOLEAN -> g.writeBoolean((Boolean) value);
            case TINYINT, SMALLINT, INTEGER -> g.writeNumber((Integer) value);
            case BIGINT -> g.writeNumber((Long) value);
            case DECIMAL -> g.writeNumber((BigDecimal) value);
            case REAL -> {
                float f = (Float) value;
                if (Float.isFinite(f)) {
                    g.writeNumber(f);
                } else {
                    g.writeString(Float.toString(f));
                }
            }
            case FLOAT, DOUBLE -> {
                double d = (Double) value;
                if (Double.isFinite(d)) {
                    g.writeNumber(d);
                } else {
                    g.writeString(Double.toString(d));
                }
            }
            case INTERVAL_DAY_TIME -> g.writeNumber((Long) value);
            case INTERVAL_YEAR_MONTH -> g.writeNumber((Integer) value);
            default -> g.writeString(ValueText.format(column.type(), value));
        }
    }

    private byte[] csv(Object[] values) {
        StringBuilder line = new StringBuilder(64);
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            Object value = values[positions[i]];
            if (value != null) {
                appendField(line, ValueText.format(columns.get(i).type(), value));
            }
        }
        return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendField(StringBuilder line, String text) {
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            line.append(text);
            return;
        }
        line.append('"').append(text.replace("\"", "\"\"")).append('"');
    }
}
