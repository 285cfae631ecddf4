package io.sluice.analytics.format;

import io.sluice.analytics.type.SqlTypeName;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A source schema checked against KDA's rules and compiled for reading: the JSON row path and column paths, one
 * {@link ValueCoercer} per column, where a flattened array sits, or the CSV delimiters. Immutable.
 */
final class CompiledSchema {

    static final int MAX_COLUMNS = 1000;

    final RecordFormatType format;
    final JsonPath rowPath;
    final List<JsonPath> paths;
    final ValueCoercer[] coercers;
    /** Segment index of the {@code [0:]} every flattening column shares, or -1 when no column flattens. */
    final int flattenAt;
    /** The path to the flattened array (the segments before {@code flattenAt}), or null when none flattens. */
    final List<JsonPath.Segment> flattenedArray;
    final boolean[] flattened;
    final String columnDelimiter;
    final String rowDelimiter;
    final boolean lenient;

    private CompiledSchema(SourceSchema schema, boolean lenient) {
        this.lenient = lenient;
        if (schema == null || schema.format() == null || schema.format().type() == null) {
            throw new IllegalArgumentException("The input schema needs a RecordFormat with a RecordFormatType");
        }
        String encoding = schema.encoding();
        if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
            throw new IllegalArgumentException("RecordEncoding '" + encoding + "' is not supported: only UTF-8 is");
        }
        List<RecordColumn> columns = schema.columns();
        if (columns.isEmpty() || columns.size() > MAX_COLUMNS) {
            throw new IllegalArgumentException("An input schema has between 1 and " + MAX_COLUMNS
                    + " columns; this one has " + columns.size());
        }
        this.format = schema.format().type();
        this.coercers = new ValueCoercer[columns.size()];
        Set<String> names = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            RecordColumn column = columns.get(i);
            if (column.name() == null || column.name().isEmpty() || column.type() == null) {
                throw new IllegalArgumentException("Column " + (i + 1) + " of the input schema needs a name and a type");
            }
            if (!names.add(column.name())) {
                throw new IllegalArgumentException("The input schema names column " + column.name() + " twice");
            }
            SqlTypeName type = column.type().name();
            if (type == SqlTypeName.INTERVAL_DAY_TIME || type == SqlTypeName.INTERVAL_YEAR_MONTH) {
                throw new IllegalArgumentException("Column " + column.name() + ": " + column.type()
                        + " cannot be the type of a column");
            }
            coercers[i] = new ValueCoercer(column.name(), column.type(), lenient);
        }
        if (format == RecordFormatType.JSON) {
            RecordFormat f = schema.format();
            this.rowPath = compile(f.jsonRowPath(), "RecordRowPath");
            int all = rowPath.segments().indexOf(JsonPath.AllElements.INSTANCE);
            if (all >= 0 && all != rowPath.segments().size() - 1) {
                throw new IllegalArgumentException("RecordRowPath '" + rowPath.text()
                        + "' may use [0:] only as its last step");
            }
            this.paths = columns.stream().map(c -> compile(c.mapping(), "the mapping of column " + c.name())).toList();
            this.flattened = new boolean[columns.size()];
            this.flattenedArray = flattening(columns);
            this.flattenAt = flattenedArray == null ? -1 : flattenedArray.size();
            this.columnDelimiter = null;
            this.rowDelimiter = null;
        } else {
            this.columnDelimiter = delimiter(schema.format().csvColumnDelimiter(), "RecordColumnDelimiter");
            this.rowDelimiter = delimiter(schema.format().csvRowDelimiter(), "RecordRowDelimiter");
            if (columnDelimiter.equals(rowDelimiter)) {
                throw new IllegalArgumentException("RecordColumnDelimiter and RecordRowDelimiter must differ");
            }
            this.rowPath = null;
            this.paths = List.of();
            this.flattened = new boolean[columns.size()];
            this.flattenAt = -1;
            this.flattenedArray = null;
        }
    }

    /**
     * Checks a schema against KDA's rules.
     *
     * @param lenient how discovery reads its own samples: a value that fails is NULL instead of failing its row,
     *                and a value that converts is its source text
     * @throws IllegalArgumentException with the reason, when the schema cannot be read with
     */
    static CompiledSchema compile(SourceSchema schema, boolean lenient) {
        return new CompiledSchema(schema, lenient);
    }

    int columnCount() {
        return coercers.length;
    }

    /** Whether the record can be read in one streaming pass: row path {@code $} and no {@code [0:]} anywhere. */
    boolean streamable() {
        return format == RecordFormatType.JSON && rowPath.segments().isEmpty()
                && paths.stream().noneMatch(JsonPath::selectsAllElements);
    }

    /** The path of the array the schema flattens (marking its columns in {@link #flattened}), or null. */
    private List<JsonPath.Segment> flattening(List<RecordColumn> columns) {
        List<JsonPath.Segment> prefix = null;
        for (int i = 0; i < paths.size(); i++) {
            JsonPath path = paths.get(i);
            int here = path.flatteningAt();
            if (here < 0) {
                continue;
            }
            List<JsonPath.Segment> mine = path.segments().subList(0, here);
            if (prefix != null && !prefix.equals(mine)) {
                throw new IllegalArgumentException("Column " + columns.get(i).name() + " flattens a second array ("
                        + path.text() + "); KDA flattens only one array per schema");
            }
            prefix = mine;
            flattened[i] = true;
        }
        return prefix;
    }

    private static JsonPath compile(String path, String what) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("A JSON input schema needs " + what);
        }
        try {
            return JsonPath.parse(path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid " + what + ": " + e.getMessage(), e);
        }
    }

    private static String delimiter(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("A CSV input schema needs a non-empty " + name);
        }
        return value;
    }
}
