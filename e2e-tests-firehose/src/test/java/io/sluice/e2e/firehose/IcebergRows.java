package io.sluice.e2e.firehose;

import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A table's rows as "key=value" strings, read afresh with Iceberg's generic reader. Stateless. */
final class IcebergRows {

    private IcebergRows() {
    }

    static List<String> of(Table table, String key, String value) {
        table.refresh();
        List<String> rows = new ArrayList<>();
        try (CloseableIterable<Record> read = IcebergGenerics.read(table).build()) {
            for (Record row : read) {
                rows.add(row.getField(key) + "=" + row.getField(value));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
