package io.sluice.analytics.format;

import io.sluice.analytics.type.SqlType;
import java.util.ArrayList;
import java.util.List;

/** Builds schemas for tests: {@code json("$", "NAME VARCHAR(4) $.name", ...)}. */
final class Schemas {

    private Schemas() {
    }

    /** Columns written "NAME TYPE MAPPING" (the type may hold spaces inside parentheses only). */
    static SourceSchema json(String rowPath, String... columns) {
        List<RecordColumn> out = new ArrayList<>();
        for (String column : columns) {
            int first = column.indexOf(' ');
            int last = column.indexOf(" $");
            out.add(new RecordColumn(column.substring(0, first), SqlType.parse(column.substring(first + 1, last)),
                    column.substring(last + 1)));
        }
        return new SourceSchema(RecordFormat.json(rowPath), "UTF-8", out);
    }

    /** Columns written "NAME TYPE". */
    static SourceSchema csv(String columnDelimiter, String rowDelimiter, String... columns) {
        List<RecordColumn> out = new ArrayList<>();
        for (String column : columns) {
            int first = column.indexOf(' ');
            out.add(new RecordColumn(column.substring(0, first), SqlType.parse(column.substring(first + 1)), null));
        }
        return new SourceSchema(RecordFormat.csv(columnDelimiter, rowDelimiter), "UTF-8", out);
    }
}
