package io.sluice.analytics.host;

import io.sluice.analytics.format.ValueText;
import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The last few rows of each in-application stream the running applications' code writes (and of
 * {@code error_stream}), kept in memory for a live preview: what the console shows of an application's streams.
 * Bounded ({@link #perStream} rows a stream, dropped oldest first); lost at restart, which a preview can afford.
 * Rows are kept as the run emits them and turned into text only when read.
 *
 * <p><b>Threading</b>: thread-safe. Applications' task threads add; any thread reads.
 */
public final class RecentRows {

    /** A row as text: its ROWTIME (epoch millis) and its visible columns' values (null for NULL). */
    public record Row(long rowtime, List<String> values) {
    }

    /** A stream's visible column names and its kept rows, oldest first. */
    public record Preview(List<String> columns, List<Row> rows) {
    }

    private record Key(String applicationArn, String stream) {
    }

    private record Kept(long rowtime, Object[] values) {
    }

    private static final class Ring {
        final ReentrantLock lock = new ReentrantLock();
        final ArrayDeque<Kept> rows = new ArrayDeque<>();
        RowType type;
    }

    private final int perStream;
    private final Map<Key, Ring> streams = new ConcurrentHashMap<>();

    public RecentRows(int perStream) {
        this.perStream = perStream;
    }

    /** Keeps a row the run emitted; {@code values} must no longer change (the run hands over its own copy). */
    void add(String applicationArn, String stream, RowType type, long rowtime, Object[] values) {
        Ring ring = streams.computeIfAbsent(new Key(applicationArn, stream), k -> new Ring());
        ring.lock.lock();
        try {
            if (!type.equals(ring.type)) {
                // the code changed the stream's columns: earlier rows no longer read with them
                ring.rows.clear();
                ring.type = type;
            }
            if (ring.rows.size() == perStream) {
                ring.rows.removeFirst();
            }
            ring.rows.addLast(new Kept(rowtime, values));
        } finally {
            ring.lock.unlock();
        }
    }

    /** The stream's kept rows, or none (no columns) when no row was kept for it. */
    public Preview of(String applicationArn, String stream) {
        Ring ring = streams.get(new Key(applicationArn, stream));
        if (ring == null) {
            return new Preview(List.of(), List.of());
        }
        ring.lock.lock();
        try {
            List<Column> columns = ring.type.columns();
            List<String> names = new ArrayList<>();
            columns.stream().filter(c -> !c.hidden()).forEach(c -> names.add(c.name()));
            List<Row> rows = new ArrayList<>(ring.rows.size());
            for (Kept kept : ring.rows) {
                List<String> values = new ArrayList<>(names.size());
                for (int i = 0; i < columns.size() && i < kept.values().length; i++) {
                    Object value = kept.values()[i];
                    if (!columns.get(i).hidden()) {
                        values.add(value == null ? null : ValueText.format(columns.get(i).type(), value));
                    }
                }
                rows.add(new Row(kept.rowtime(), values));
            }
            return new Preview(names, rows);
        } finally {
            ring.lock.unlock();
        }
    }

    /** Drops what was kept of a deleted application. */
    void forget(String applicationArn) {
        streams.keySet().removeIf(key -> key.applicationArn().equals(applicationArn));
    }
}
