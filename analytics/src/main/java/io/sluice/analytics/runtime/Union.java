package io.sluice.analytics.runtime;

import java.util.Arrays;

/**
 * The merge of a {@code UNION ALL}'s branches into one downstream. Rows pass in the order the branches deliver
 * them; ROWTIME never goes back, so a row older than what the union already passed on takes the union's current
 * ROWTIME (as on a stream several pumps feed). A rowtime bound passes on once every branch has reached it, so one
 * branch's bound cannot overtake another branch's pending rows (an open window, an ORDER BY).
 *
 * <p><b>Threading</b>: single-threaded, the run's thread.
 */
public final class Union {

    private final RowReceiver downstream;
    private long[] branchBounds = new long[0];
    private long last = Long.MIN_VALUE;

    public Union(RowReceiver downstream) {
        this.downstream = downstream;
    }

    /** A new branch of this union, with its own rowtime bound; add every branch before the first row. */
    public RowReceiver branch() {
        int index = branchBounds.length;
        branchBounds = Arrays.copyOf(branchBounds, index + 1);
        branchBounds[index] = Long.MIN_VALUE;
        return new Branch(index);
    }

    private void row(long rowtime, Object[] values) {
        last = Math.max(rowtime, last);
        downstream.row(last, values);
    }

    private void bound(int branch, long rowtime) {
        if (rowtime <= branchBounds[branch]) {
            return;
        }
        branchBounds[branch] = rowtime;
        long least = Long.MAX_VALUE;
        for (long b : branchBounds) {
            least = Math.min(least, b);
        }
        if (least > last) {
            last = least;
            downstream.bound(least);
        }
    }

    private final class Branch implements RowReceiver {
        private final int index;

        Branch(int index) {
            this.index = index;
        }

        @Override
        public void row(long rowtime, Object[] values) {
            Union.this.row(rowtime, values);
        }

        @Override
        public void bound(long rowtime) {
            Union.this.bound(index, rowtime);
        }
    }
}
