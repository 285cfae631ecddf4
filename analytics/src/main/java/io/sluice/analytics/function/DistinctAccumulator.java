package io.sluice.analytics.function;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * The DISTINCT form of an aggregate: the inner accumulator sees each distinct non-null value once; a multiset of
 * the values added keeps retraction exact (a value leaves the inner accumulator when its last copy is taken back).
 * DECIMAL values are equal regardless of scale.
 *
 * <p><b>Threading</b>: single-threaded.
 */
final class DistinctAccumulator implements Accumulator {

    private static final class Copies {
        final Object[] first;
        int count;

        Copies(Object[] first) {
            this.first = first;
        }
    }

    private final Accumulator inner;
    private final Map<Object, Copies> seen = new HashMap<>();

    DistinctAccumulator(Accumulator inner) {
        this.inner = inner;
    }

    private static Object key(Object v) {
        return v instanceof BigDecimal d ? d.stripTrailingZeros() : v;
    }

    @Override
    public void add(Object[] args) {
        if (args[0] == null) {
            return;
        }
        Copies c = seen.computeIfAbsent(key(args[0]), k -> new Copies(args.clone()));
        if (c.count++ == 0) {
            inner.add(c.first);
        }
    }

    @Override
    public void retract(Object[] args) {
        if (args[0] == null) {
            return;
        }
        Object k = key(args[0]);
        Copies c = seen.get(k);
        if (c == null) {
            throw new IllegalStateException("DISTINCT retract of a value never added: " + args[0]);
        }
        if (--c.count == 0) {
            seen.remove(k);
            inner.retract(c.first);
        }
    }

    @Override
    public Object result() {
        return inner.result();
    }
}
