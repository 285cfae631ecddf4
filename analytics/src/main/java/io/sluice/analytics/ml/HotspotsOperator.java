package io.sluice.analytics.ml;

import io.sluice.analytics.runtime.RowReceiver;

import java.util.Arrays;
import java.util.List;

/**
 * HOTSPOTS over one cursor: every input row is passed on at once, at its ROWTIME, with HOTSPOTS_RESULT appended,
 * the JSON of the hotspots of the window that ends with it:
 * {@code {"hotspots":[{"density":…,"minValues":[…],"maxValues":[…]}]}} (densest first, values in the order of the
 * cursor's numeric columns; {@code {"hotspots":[]}} when there is none).
 *
 * <p>A row with a NULL (or NaN, or an infinity) in a numeric column does not enter the window; it carries the
 * hotspots of the window as it stands.
 *
 * <p>{@link #retainedFloor()} is the ROWTIME of the oldest row in the window: replaying from there rebuilds it.
 *
 * <p><b>Threading</b>: single-threaded.
 */
final class HotspotsOperator implements TableFunctionOperator {

    private static final String NONE = "{\"hotspots\":[]}";

    private final RowReceiver downstream;
    private final NumericColumns columns;
    private final HotspotWindow window;
    private String current = NONE;

    HotspotsOperator(RowReceiver downstream, NumericColumns columns, HotspotWindow window) {
        this.downstream = downstream;
        this.columns = columns;
        this.window = window;
    }

    @Override
    public void row(long rowtime, Object[] values) {
        double[] point = new double[columns.count()];
        if (columns.read(values, point)) {
            window.add(rowtime, point);
            current = json(window.hotspots());
        }
        Object[] out = Arrays.copyOf(values, values.length + 1);
        out[values.length] = current;
        downstream.row(rowtime, out);
    }

    @Override
    public void bound(long rowtime) {
        downstream.bound(rowtime);
    }

    @Override
    public long retainedFloor() {
        return window.oldestRowtime();
    }

    static String json(List<Hotspot> hotspots) {
        StringBuilder json = new StringBuilder(32 + hotspots.size() * 96).append("{\"hotspots\":[");
        for (int i = 0; i < hotspots.size(); i++) {
            Hotspot h = hotspots.get(i);
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"density\":").append(h.density());
            array(json.append(",\"minValues\":"), h.minValues());
            array(json.append(",\"maxValues\":"), h.maxValues());
            json.append('}');
        }
        return json.append("]}").toString();
    }

    private static void array(StringBuilder json, double[] values) {
        json.append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(values[i]);
        }
        json.append(']');
    }
}
