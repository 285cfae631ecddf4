package io.sluice.analytics.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A row handler that keeps what it is given, for assertions. */
final class Collected implements RowHandler {

    final List<Object[]> rows = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    final List<String> errorData = new ArrayList<>();

    static Collected parse(RecordParser parser, String record) {
        Collected collected = new Collected();
        parser.parse(record.getBytes(StandardCharsets.UTF_8), collected);
        return collected;
    }

    @Override
    public void row(Object[] values) {
        rows.add(values);
    }

    @Override
    public void error(String message, byte[] data) {
        errors.add(message);
        errorData.add(data == null ? null : new String(data, StandardCharsets.UTF_8));
    }

    /** The only row's values. */
    Object[] single() {
        if (rows.size() != 1 || !errors.isEmpty()) {
            throw new AssertionError("expected one row and no error, got " + rows.size() + " rows and " + errors);
        }
        return rows.get(0);
    }
}
