package io.sluice.analytics.runtime.window;

import io.sluice.analytics.runtime.Expr;
import io.sluice.analytics.runtime.RowReceiver;
import io.sluice.analytics.runtime.Stateful;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A stream-to-stream join: {@code FROM a [OVER (RANGE ...)] AS a [LEFT|RIGHT|FULL] JOIN b [OVER (RANGE ...)] AS b
 * ON cond}. Feed the left input to {@link #left()} and the right one to {@link #right()}.
 *
 * <p><b>Matching</b> (the SQL reference's stream-to-stream join examples): each side with a window holds its
 * rows of the last {@code rangeMillis} (a row exactly one interval old is out, as in {@link Frame#oldestInRange});
 * a side without a window holds nothing, only its current row joins. A pair (l, r) matches when the later of
 * the two arrives while the earlier is inside its own side's window, the equi-keys are equal and not NULL, and
 * the residual condition (over the joined row, may be null) is TRUE. At least one side must have a window. The
 * joined row is the left row's columns followed by the right row's; its ROWTIME is the later of the two
 * ROWTIMEs.
 *
 * <p><b>Outer rows</b>: a preserved row that matched nothing is emitted with NULLs for the other side when no
 * match can come any more: immediately when its side has no window (ROWTIME = its own), otherwise once the other
 * side has passed (by a row or a bound) the end of the row's window, with ROWTIME = the row's ROWTIME plus its
 * side's range. (The reference's tables also list matched orders with NULLs at the window end; its text, and SQL,
 * say only unmatched rows are, which is what this does.)
 *
 * <p><b>Time</b>: each side's progress is the larger of its last row's ROWTIME and its last bound; held rows
 * leave when the other side has passed their window. An unmatched row whose window has ended waits until both
 * sides have reached its ROWTIME (or a joined row with a later ROWTIME is emitted), so unmatched rows of the two
 * sides come out in ROWTIME order; matches are emitted at once. The join passes downstream the smaller of the
 * two sides' progress. When the two inputs are skewed (one side's upstream emits late, such as a tumbling window)
 * an output ROWTIME is raised to the last one emitted, so output ROWTIME never decreases.
 *
 * <p><b>Threading</b>: single-threaded, as {@link RowReceiver}; both receivers are called on the run's thread.
 */
public final class StreamJoin implements Stateful {

    private final Side leftSide;
    private final Side rightSide;
    private final Expr residual;
    private final RowReceiver downstream;
    /** Unmatched rows whose window has ended, by output ROWTIME, until both sides have reached it. */
    private final PriorityQueue<Unmatched> unmatched = new PriorityQueue<>(
            Comparator.comparingLong(Unmatched::rowtime).thenComparingLong(Unmatched::sequence));
    private long unmatchedSequence;
    private long lastEmitted = Long.MIN_VALUE;
    private long lastBound = Long.MIN_VALUE;

    public StreamJoin(JoinSide left, JoinSide right, Expr residual, RowReceiver downstream) {
        if (!left.windowed() && !right.windowed()) {
            throw new IllegalArgumentException("a stream-to-stream join needs a window (OVER) on at least one side");
        }
        if (left.keys().size() != right.keys().size()) {
            throw new IllegalArgumentException("both sides of a join need as many equi-join keys");
        }
        this.leftSide = new Side(left, true);
        this.rightSide = new Side(right, false);
        this.residual = residual;
        this.downstream = Objects.requireNonNull(downstream, "downstream");
    }

    /** The left input. */
    public RowReceiver left() {
        return leftSide;
    }

    /** The right input. */
    public RowReceiver right() {
        return rightSide;
    }

    @Override
    public long retainedFloor() {
        long floor = Math.min(leftSide.retainedFloor(), rightSide.retainedFloor());
        for (Unmatched waiting : unmatched) {
            floor = Math.min(floor, waiting.inputRowtime);
        }
        return floor;
    }

    private Object[] joined(Object[] leftValues, Object[] rightValues) {
        Object[] out = new Object[leftSide.config.width() + rightSide.config.width()];
        if (leftValues != null) {
            System.arraycopy(leftValues, 0, out, 0, leftSide.config.width());
        }
        if (rightValues != null) {
            System.arraycopy(rightValues, 0, out, leftSide.config.width(), rightSide.config.width());
        }
        return out;
    }

    /** Emits a row now, after the waiting unmatched rows that come before it. */
    private void emit(long rowtime, Object[] joinedRow) {
        releaseUnmatched(rowtime);
        send(rowtime, joinedRow);
    }

    private void send(long rowtime, Object[] joinedRow) {
        lastEmitted = Math.max(lastEmitted, Math.max(rowtime, lastBound));
        downstream.row(lastEmitted, joinedRow);
    }

    private void releaseUnmatched(long upTo) {
        Unmatched next;
        while ((next = unmatched.peek()) != null && next.rowtime <= upTo) {
            unmatched.poll();
            send(next.rowtime, next.row);
        }
    }

    /** Releases what both sides have passed, then passes their common progress on as a bound. */
    private void advance() {
        long bound = Math.min(leftSide.progress, rightSide.progress);
        releaseUnmatched(bound);
        // a bound below a row already emitted tells downstream nothing
        if (bound > lastBound && bound >= lastEmitted) {
            lastBound = bound;
            downstream.bound(bound);
        }
    }

    /** One input: its held rows (when windowed) and its progress. */
    private final class Side implements RowReceiver {

        final JoinSide config;
        final boolean isLeft;
        final Expr[] keys;
        final ArrayDeque<Held> held = new ArrayDeque<>();
        final Map<Object, ArrayDeque<Held>> byKey = new HashMap<>();
        long progress = Long.MIN_VALUE;

        Side(JoinSide config, boolean isLeft) {
            this.config = config;
            this.isLeft = isLeft;
            this.keys = config.keys().toArray(Expr[]::new);
        }

        Side other() {
            return isLeft ? rightSide : leftSide;
        }

        @Override
        public void row(long rowtime, Object[] values) {
            Object key = Keys.of(keys, rowtime, values);
            progress = Math.max(progress, rowtime);
            other().expire(progress);
            Held current = new Held(rowtime, key, values);
            if (!Keys.hasNull(key)) {
                ArrayDeque<Held> candidates = keys.length == 0 ? other().held : other().byKey.get(key);
                if (candidates != null) {
                    for (Held candidate : candidates) {
                        if (inWindow(current, candidate)) {
                            tryMatch(current, candidate);
                        }
                    }
                }
            }
            if (config.windowed()) {
                held.addLast(current);
                if (keys.length > 0 && !Keys.hasNull(key)) {
                    byKey.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(current);
                }
            } else if (config.preserved() && !current.matched) {
                emit(rowtime, nullExtended(current));
            }
            advance();
        }

        @Override
        public void bound(long rowtime) {
            progress = Math.max(progress, rowtime);
            other().expire(progress);
            advance();
        }

        /** Drops the rows no row of the other side at or after {@code otherProgress} can match. */
        void expire(long otherProgress) {
            Held oldest;
            while ((oldest = held.peekFirst()) != null
                    && oldest.rowtime < Frame.oldestInRange(otherProgress, config.rangeMillis())) {
                held.pollFirst();
                if (keys.length > 0 && !Keys.hasNull(oldest.key)) {
                    ArrayDeque<Held> bucket = byKey.get(oldest.key);
                    bucket.pollFirst();
                    if (bucket.isEmpty()) {
                        byKey.remove(oldest.key);
                    }
                }
                if (config.preserved() && !oldest.matched) {
                    unmatched.add(new Unmatched(oldest.rowtime + config.rangeMillis(), unmatchedSequence++,
                            oldest.rowtime, nullExtended(oldest)));
                }
            }
        }

        long retainedFloor() {
            Held oldest = held.peekFirst();
            return oldest == null ? Long.MAX_VALUE : oldest.rowtime;
        }

        /** Whether the earlier of the two rows is inside its own side's window at the later one's ROWTIME. */
        private boolean inWindow(Held current, Held candidate) {
            if (candidate.rowtime <= current.rowtime) {
                return candidate.rowtime >= Frame.oldestInRange(current.rowtime, other().config.rangeMillis());
            }
            return config.windowed()
                    && current.rowtime >= Frame.oldestInRange(candidate.rowtime, config.rangeMillis());
        }

        private void tryMatch(Held current, Held candidate) {
            Object[] leftValues = isLeft ? current.values : candidate.values;
            Object[] rightValues = isLeft ? candidate.values : current.values;
            long rowtime = Math.max(current.rowtime, candidate.rowtime);
            Object[] joinedRow = joined(leftValues, rightValues);
            if (residual != null && !Boolean.TRUE.equals(residual.eval(rowtime, joinedRow))) {
                return;
            }
            current.matched = true;
            candidate.matched = true;
            emit(rowtime, joinedRow);
        }

        private Object[] nullExtended(Held row) {
            return joined(isLeft ? row.values : null, isLeft ? null : row.values);
        }
    }

    /** A NULL-extended row waiting for both sides to reach its ROWTIME. */
    private record Unmatched(long rowtime, long sequence, long inputRowtime, Object[] row) {
    }

    /** A row a side holds, and whether it has matched. */
    private static final class Held {

        final long rowtime;
        final Object key;
        final Object[] values;
        boolean matched;

        Held(long rowtime, Object key, Object[] values) {
            this.rowtime = rowtime;
            this.key = key;
            this.values = values;
        }
    }
}
