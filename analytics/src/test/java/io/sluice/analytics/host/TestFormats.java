package io.sluice.analytics.host;

import io.sluice.analytics.format.RecordFormatType;
import io.sluice.analytics.format.SourceSchema;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlTypeName;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A formats double: a source record is lines of comma-separated values (INTEGER columns parsed, others kept as
 * text; a value that is not an integer is an error named "Data Exception"); JSON output is a flat object of the
 * columns in order, CSV output the values joined by commas; a reference object is lines of comma-separated text.
 */
final class TestFormats implements Formats {

    @Override
    public Decoder decoder(SourceSchema schema) {
        return (record, handler) -> {
            for (String line : new String(record, StandardCharsets.UTF_8).split("\n")) {
                String[] fields = line.split(",", -1);
                Object[] values = new Object[schema.columns().size()];
                boolean ok = true;
                for (int i = 0; i < values.length && i < fields.length; i++) {
                    if (schema.columns().get(i).type().name() == SqlTypeName.INTEGER) {
                        try {
                            values[i] = Integer.parseInt(fields[i]);
                        } catch (NumberFormatException e) {
                            handler.error("Data Exception", "not an INTEGER: " + fields[i]);
                            ok = false;
                            break;
                        }
                    } else {
                        values[i] = fields[i];
                    }
                }
                if (ok) {
                    handler.row(values);
                }
            }
        };
    }

    @Override
    public Encoder encoder(RecordFormatType format, RowType columns) {
        return values -> {
            String text;
            if (format == RecordFormatType.JSON) {
                List<String> fields = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    Object v = values[i];
                    fields.add("\"" + columns.column(i).name() + "\":"
                            + (v == null ? "null" : v instanceof Number ? v.toString() : "\"" + v + "\""));
                }
                text = "{" + String.join(",", fields) + "}";
            } else {
                List<String> fields = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    fields.add(values[i] == null ? "" : values[i].toString());
                }
                text = String.join(",", fields) + "\n";
            }
            return text.getBytes(StandardCharsets.UTF_8);
        };
    }

    @Override
    public List<Object[]> referenceTable(SourceSchema schema, byte[] object) {
        String text = new String(object, StandardCharsets.UTF_8);
        if (text.startsWith("!")) {
            throw new IllegalArgumentException("line 1 does not parse");
        }
        return text.lines().map(line -> (Object[]) line.split(",")).collect(Collectors.toList());
    }
}
