package io.sluice.analytics.ml;

import io.sluice.analytics.runtime.RowReceiver;
import org.apache.datasketches.cpc.CpcSketch;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

/**
 * COUNT_DISTINCT_ITEMS_TUMBLING's window: one row, NUMBER_OF_DISTINCT_ITEMS. KDA counts exactly up to 10,000
 * distinct items and approximately beyond; so does this: the distinct values are kept in a set until the
 * 10,001st arrives, then they move into DataSketches' CPC sketch (lgK 14, about 0.5% relative error), a
 * successor of HyperLogLog with the same streaming contract.
 *
 * <p>Why not DataSketches' {@code HllSketch}: in datasketches-java 8.0.0 it needs datasketches-memory 6.0.0,
 * whose classes are compiled with Java 21 preview features; they do not load on Java 22 or later (nor on 21
 * without {@code --enable-preview}). CPC sketches updated on the heap do not touch that library.
 *
 * <p><b>Threading</b>: single-threaded.
 */
final class DistinctItemCount implements WindowAggregate {

    static final int EXACT_LIMIT = 10_000;
    private static final int LG_K = 14;

    private Set<Object> exact = new HashSet<>();
    private CpcSketch sketch;

    @Override
    public void add(Object item) {
        if (sketch != null) {
            update(sketch, item);
            return;
        }
        exact.add(item instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : item);
        if (exact.size() > EXACT_LIMIT) {
            sketch = new CpcSketch(LG_K);
            for (Object known : exact) {
                update(sketch, known instanceof ByteBuffer buffer ? buffer.array() : known);
            }
            exact = null;
        }
    }

    @Override
    public void emit(long windowEnd, RowReceiver downstream) {
        long count = sketch == null ? exact.size() : Math.round(sketch.getEstimate());
        downstream.row(windowEnd, new Object[] {count});
    }

    private static void update(CpcSketch sketch, Object item) {
        switch (item) {
            case Integer i -> sketch.update(i.longValue());
            case Long l -> sketch.update(l);
            case Float f -> sketch.update(f.doubleValue());
            case Double d -> sketch.update(d);
            case String s -> sketch.update(s);
            case byte[] b -> sketch.update(b);
            case Boolean b -> sketch.update(b ? 1L : 0L);
            case BigDecimal d -> sketch.update(d.stripTrailingZeros().toPlainString());
            default -> sketch.update(String.valueOf(item));
        }
    }
}
