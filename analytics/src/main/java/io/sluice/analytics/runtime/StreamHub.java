package io.sluice.analytics.runtime;

import io.sluice.analytics.program.RowSink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An in-application stream: rows inserted by its writers (pumps, or the run for an input stream) go to every
 * reader and, for a stream the code creates, to the run's {@link RowSink}. ROWTIME never goes back on a stream:
 * a row older than what the stream already passed on takes the stream's current ROWTIME, as KDA's monotonic
 * ROWTIME requires when several pumps feed one stream. A rowtime bound passes on when every writer has reached
 * it (the least of the writers' bounds), so one pump's bound cannot overtake another pump's pending rows.
 *
 * <p><b>Threading</b>: single-threaded, the run's thread.
 */
public final class StreamHub {

    private final String name;
    private final RowSink sink;
    private final List<RowReceiver> readerList = new ArrayList<>();
    private RowReceiver[] readers = new RowReceiver[0];
    private long[] writerBounds = new long[0];
    private long last = Long.MIN_VALUE;

    /** A stream whose rows also go to {@code sink} under {@code name}; {@code sink} null for an input stream. */
    public StreamHub(String name, RowSink sink) {
        this.name = name;
        this.sink = sink;
    }

    /** Adds a reader; every row and bound from now on reaches it. */
    public void subscribe(RowReceiver reader) {
        readerList.add(reader);
        readers = readerList.toArray(RowReceiver[]::new);
    }

    /** A new writer of this stream, with its own rowtime bound. */
    public RowReceiver writer() {
        int index = writerBounds.length;
        writerBounds = Arrays.copyOf(writerBounds, index + 1);
        writerBounds[index] = Long.MIN_VALUE;
        return new Writer(index);
    }

    private void insert(long rowtime, Object[] values) {
        long t = Math.max(rowtime, last);
        last = t;
        RowReceiver[] rs = readers;
        if (sink != null) {
            sink.accept(name, t, rs.length == 0 ? values : values.clone());
        }
        for (RowReceiver r : rs) {
            r.row(t, values);
        }
    }

    private void bound(int writer, long rowtime) {
        if (rowtime <= writerBounds[writer]) {
            return;
        }
        writerBounds[writer] = rowtime;
        long least = Long.MAX_VALUE;
        for (long b : writerBounds) {
            least = Math.min(least, b);
        }
        if (least > last) {
            last = least;
            for (RowReceiver r : readers) {
                r.bound(least);
            }
        }
    }

    private final class Writer implements RowReceiver {
        private final int index;

        Writer(int index) {
            this.index = index;
        }

        @Override
        public void row(long rowtime, Object[] values) {
            insert(rowtime, values);
        }

        @Override
        public void bound(long rowtime) {
            StreamHub.this.bound(index, rowtime);
        }
    }
}
