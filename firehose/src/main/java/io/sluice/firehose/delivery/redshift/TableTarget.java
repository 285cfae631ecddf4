package io.sluice.firehose.delivery.redshift;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CopyCommand's DataTableName and DataTableColumns, checked to be SQL identifiers (plain or double-quoted,
 * the table optionally schema-qualified) so that they can be put into a COPY statement as written. Immutable.
 *
 * @param columns the columns as written (quoted ones keep their quotes), or empty for all the table's columns
 */
public record TableTarget(String table, List<String> columns) {

    private static final String IDENTIFIER = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern TABLE = Pattern.compile(IDENTIFIER + "(?:\\s*\\.\\s*" + IDENTIFIER + "){0,2}");
    private static final Pattern COLUMN = Pattern.compile("\\s*(" + IDENTIFIER + ")\\s*(,|$)");

    public TableTarget {
        columns = List.copyOf(columns);
    }

    /** Reads DataTableName and DataTableColumns (null or blank for all columns); IllegalArgumentException if bad. */
    public static TableTarget parse(String table, String columns) {
        String t = table.trim();
        if (!TABLE.matcher(t).matches()) {
            throw new IllegalArgumentException("DataTableName must be a table name, optionally schema-qualified, "
                    + "not '" + table + "'.");
        }
        List<String> list = new ArrayList<>();
        if (columns != null && !columns.isBlank()) {
            Matcher m = COLUMN.matcher(columns);
            int at = 0;
            while (at < columns.length() && m.find(at) && m.start() == at) {
                list.add(m.group(1));
                at = m.end();
                if (m.group(2).isEmpty()) {
                    break;
                }
            }
            if (at < columns.length() || columns.strip().endsWith(",")) {
                throw new IllegalArgumentException("DataTableColumns must be a comma-separated list of column "
                        + "names, not '" + columns + "'.");
            }
        }
        return new TableTarget(t, list);
    }

    /** The column's name as PostgreSQL stores it: quotes removed, unquoted names lower-cased. */
    public static String storedName(String column) {
        if (column.startsWith("\"")) {
            return column.substring(1, column.length() - 1).replace("\"\"", "\"");
        }
        return column.toLowerCase(java.util.Locale.ROOT);
    }

    /** {@code COPY <table> [(<columns>)] FROM STDIN WITH (<options>)}. */
    public String copySql(String withOptions) {
        String cols = columns.isEmpty() ? "" : " (" + String.join(", ", columns) + ")";
        return "COPY " + table + cols + " FROM STDIN WITH (" + withOptions + ")";
    }
}
