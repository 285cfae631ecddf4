package io.sluice.cli.analytics;

import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints one table per stream once the run is over, in the order the streams were given: a title with the row
 * count, then ROWTIME and the stream's visible columns, values as {@link ValueFormat} writes them, columns padded
 * to their widest value.
 *
 * <p><b>Threading</b>: single-threaded, the run's thread.
 */
final class TablePrinter implements RowPrinter {

    private final PrintWriter out;
    private final Map<String, RowType> types;
    private final Map<String, List<String[]>> rows = new LinkedHashMap<>();

    /** @param streams the streams to print, with their columns, in printing order */
    TablePrinter(Map<String, RowType> streams, PrintWriter out) {
        this.out = out;
        this.types = streams;
        streams.keySet().forEach(name -> rows.put(name, new ArrayList<>()));
    }

    @Override
    public void row(String stream, long rowtime, Object[] values) {
        List<String[]> table = rows.get(stream);
        if (table == null) {
            return;
        }
        List<Column> columns = types.get(stream).columns();
        List<String> cells = new ArrayList<>();
        cells.add(ValueFormat.timestamp(rowtime));
        for (int i = 0; i < columns.size(); i++) {
            if (!columns.get(i).hidden()) {
                cells.add(ValueFormat.text(columns.get(i).type(), values[i]));
            }
        }
        table.add(cells.toArray(String[]::new));
    }

    @Override
    public void finish() {
        boolean first = true;
        for (var entry : rows.entrySet()) {
            if (!first) {
                out.println();
            }
            first = false;
            List<String[]> table = entry.getValue();
            out.println(entry.getKey() + " (" + table.size() + (table.size() == 1 ? " row)" : " rows)"));
            List<String> header = new ArrayList<>();
            header.add("ROWTIME");
            types.get(entry.getKey()).visible().forEach(c -> header.add(c.name()));
            int[] widths = new int[header.size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = header.get(i).length();
                for (String[] row : table) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            line(header.toArray(String[]::new), widths);
            line(header.stream().map(h -> "").toArray(String[]::new), widths, '-');
            table.forEach(row -> line(row, widths));
        }
        out.flush();
    }

    private void line(String[] cells, int[] widths) {
        line(cells, widths, ' ');
    }

    private void line(String[] cells, int[] widths, char pad) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                s.append("  ");
            }
            s.append(cells[i]);
            if (i < cells.length - 1 || pad != ' ') {
                s.append(String.valueOf(pad).repeat(widths[i] - cells[i].length()));
            }
        }
        out.println(s);
    }
}
