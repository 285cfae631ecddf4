package io.sluice.analytics.runtime.window;

import io.sluice.analytics.function.Accumulator;
import io.sluice.analytics.runtime.Expr;

import java.util.List;

/**
 * The aggregates of a grouped operator: evaluates their arguments for one row into reused arrays (so a row that
 * fails evaluation changes no group), then adds them to a group's accumulators.
 *
 * <p><b>Threading</b>: single-threaded, owned by one operator.
 */
final class Aggregates {

    private final AggregateCall[] calls;
    private final Object[][] scratch;

    Aggregates(List<AggregateCall> calls) {
        this.calls = calls.toArray(AggregateCall[]::new);
        this.scratch = new Object[this.calls.length][];
        for (int i = 0; i < this.calls.length; i++) {
            scratch[i] = new Object[this.calls[i].args().length];
        }
    }

    int size() {
        return calls.length;
    }

    Accumulator[] newAccumulators() {
        Accumulator[] accumulators = new Accumulator[calls.length];
        for (int i = 0; i < calls.length; i++) {
            accumulators[i] = calls[i].fn().factory().get();
        }
        return accumulators;
    }

    /** Evaluates every argument of every aggregate on the row; throws before anything is added. */
    void evaluate(long rowtime, Object[] row) {
        for (int i = 0; i < calls.length; i++) {
            Expr[] args = calls[i].args();
            Object[] values = scratch[i];
            for (int j = 0; j < args.length; j++) {
                values[j] = args[j].eval(rowtime, row);
            }
        }
    }

    /** Adds the arguments last {@link #evaluate evaluated}. */
    void addTo(Accumulator[] accumulators) {
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i].add(scratch[i]);
        }
    }
}
