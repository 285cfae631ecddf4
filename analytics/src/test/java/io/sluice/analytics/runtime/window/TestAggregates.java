package io.sluice.analytics.runtime.window;

import io.sluice.analytics.function.Accumulator;
import io.sluice.analytics.function.AggregateFunction;
import io.sluice.analytics.type.SqlType;

import java.util.PriorityQueue;

/**
 * Small aggregates for the operators' tests (the real library is another part's): COUNT, SUM over BIGINT
 * (retractable or not), MIN and MAX over comparable values.
 */
final class TestAggregates {

    private TestAggregates() {
    }

    /** COUNT(x) ignores NULLs; with no argument it is COUNT(*). */
    static AggregateFunction count() {
        return new AggregateFunction("COUNT", SqlType.BIGINT, () -> new Accumulator() {
            long count;

            @Override
            public void add(Object[] args) {
                if (args.length == 0 || args[0] != null) {
                    count++;
                }
            }

            @Override
            public void retract(Object[] args) {
                if (args.length == 0 || args[0] != null) {
                    count--;
                }
            }

            @Override
            public Object result() {
                return count;
            }
        }, true);
    }

    static AggregateFunction sum() {
        return sum(true);
    }

    /** SUM of BIGINT values; {@code retractable} false makes windows recompute it. */
    static AggregateFunction sum(boolean retractable) {
        return new AggregateFunction("SUM", SqlType.BIGINT, () -> new Accumulator() {
            long sum;
            long count;

            @Override
            public void add(Object[] args) {
                if (args[0] != null) {
                    sum += ((Number) args[0]).longValue();
                    count++;
                }
            }

            @Override
            public void retract(Object[] args) {
                if (!retractable) {
                    throw new AssertionError("retract called on a non-retractable aggregate");
                }
                if (args[0] != null) {
                    sum -= ((Number) args[0]).longValue();
                    count--;
                }
            }

            @Override
            public Object result() {
                return count == 0 ? null : sum;
            }
        }, retractable);
    }

    static AggregateFunction min() {
        return extreme("MIN", 1);
    }

    static AggregateFunction max() {
        return extreme("MAX", -1);
    }

    /** MIN under another name: a sliding window recomputes it instead of keeping a deque. */
    static AggregateFunction minRecomputed() {
        return extreme("LEAST_OF_WINDOW", 1);
    }

    static AggregateFunction maxRecomputed() {
        return extreme("GREATEST_OF_WINDOW", -1);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static AggregateFunction extreme(String name, int sign) {
        return new AggregateFunction(name, SqlType.BIGINT, () -> new Accumulator() {
            final PriorityQueue<Comparable> values = new PriorityQueue<>((a, b) -> sign * a.compareTo(b));

            @Override
            public void add(Object[] args) {
                if (args[0] != null) {
                    values.add((Comparable) args[0]);
                }
            }

            @Override
            public void retract(Object[] args) {
                throw new AssertionError("retract called on " + name);
            }

            @Override
            public Object result() {
                return values.peek();
            }
        }, false);
    }
}
