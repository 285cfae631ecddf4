package io.sluice.analytics.ml;

import io.sluice.analytics.runtime.RowReceiver;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * TOP_K_ITEMS_TUMBLING's window: DataSketches' frequent-items sketch over the column's values, emitting up to K
 * rows (item, MOST_FREQUENT_VALUES) by descending count; equal counts in the items' natural order. Counts are exact
 * while the window holds no more distinct items than three quarters of the sketch's map (at least 3,072, and at
 * least 3·K); beyond that the sketch keeps the heavy hitters approximately, which is KDA's contract ("may return
 * three of the five most traded stocks").
 *
 * <p><b>Threading</b>: single-threaded.
 */
final class TopKItems implements WindowAggregate {

    private final int k;
    private final ItemsSketch<Object> sketch;

    TopKItems(int k) {
        this.k = k;
        this.sketch = new ItemsSketch<>(mapSize(k));
    }

    static int mapSize(int k) {
        return Integer.highestOneBit(Math.max(4096, 4 * k) - 1) << 1;
    }

    @Override
    public void add(Object item) {
        // byte arrays compare by identity: count VARBINARY values by content
        sketch.update(item instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : item);
    }

    @Override
    public void emit(long windowEnd, RowReceiver downstream) {
        List<ItemsSketch.Row<Object>> rows = new ArrayList<>(Arrays.asList(
                sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)));
        rows.sort(Comparator.comparingLong((ItemsSketch.Row<Object> r) -> r.getEstimate()).reversed()
                .thenComparing(ItemsSketch.Row::getItem, TopKItems::natural));
        for (int i = 0; i < Math.min(k, rows.size()); i++) {
            Object item = rows.get(i).getItem();
            Object value = item instanceof ByteBuffer buffer ? buffer.array() : item;
            downstream.row(windowEnd, new Object[] {value, rows.get(i).getEstimate()});
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int natural(Object a, Object b) {
        return a instanceof Comparable ca && a.getClass() == b.getClass() ? ca.compareTo(b) : 0;
    }
}
