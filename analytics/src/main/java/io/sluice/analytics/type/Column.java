package io.sluice.analytics.type;

/**
 * One column of an in-application stream, table or row. A hidden column ({@code ROWTIME}, and the source
 * columns such as {@code APPROXIMATE_ARRIVAL_TIME}) can be named in SQL but is not part of {@code *}. Names
 * are stored as SQL sees them after case folding: unquoted names upper-cased, quoted names kept.
 */
public record Column(String name, SqlType type, boolean hidden) {

    public Column {
        if (name == null || name.isEmpty() || type == null) {
            throw new IllegalArgumentException("a column needs a name and a type");
        }
    }

    public static Column of(String name, SqlType type) {
        return new Column(name, type, false);
    }
}
