package io.sluice.analytics.format;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads CSV rows: columns are positional (column i takes field i), fields past the last column are ignored and
 * missing fields are NULL, as {@code sch-mapping} allows importing a prefix of the fields. An empty field is NULL
 * except in character columns, where it is the empty string. Immutable and thread-safe.
 */
final class CsvRows {

    private final CompiledSchema schema;
    private final CsvScanner scanner;

    CsvRows(CompiledSchema schema) {
        this.schema = schema;
        this.scanner = new CsvScanner(schema.columnDelimiter, schema.rowDelimiter);
    }

    void parse(String text, RowHandler handler) {
        scan(text, (row, fields, rowText, number) -> row.emit(handler, rowText.getBytes(StandardCharsets.UTF_8)));
    }

    /** Receives each row as read, with its text and 1-based row number. */
    interface Rows {
        void row(RowBuilder row, List<String> fields, String text, int number);
    }

    void scan(String text, Rows rows) {
        scanner.scan(text, (fields, rowText, number) -> rows.row(read(fields), fields, rowText, number));
    }

    private RowBuilder read(List<String> fields) {
        RowBuilder row = new RowBuilder(schema.columnCount(), schema.lenient);
        for (int c = 0; c < schema.columnCount() && c < fields.size(); c++) {
            try {
                row.set(c, schema.coercers[c].fromField(fields.get(c)));
            } catch (CoercionException e) {
                row.fail(c, e);
            }
        }
        return row;
    }
}
