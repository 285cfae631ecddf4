package io.sluice.analytics.host;

import io.sluice.analytics.app.ApplicationConfig;
import io.sluice.analytics.app.InputConfig;
import io.sluice.analytics.app.ReferenceConfig;
import io.sluice.analytics.app.SourceKind;
import io.sluice.analytics.format.RecordColumn;
import io.sluice.analytics.format.SourceSchema;
import io.sluice.analytics.program.Catalog;
import io.sluice.analytics.type.Column;
import io.sluice.analytics.type.RowType;
import io.sluice.analytics.type.SqlType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of an application's in-application input streams and reference tables, as its code sees them: the
 * schema's columns, then the hidden columns KDA adds from the source, which code can name but {@code *} does not
 * expand to:
 * <ul>
 *   <li>{@code APPROXIMATE_ARRIVAL_TIME} TIMESTAMP, every source: when the source stored the record (KDA
 *       developer guide, "Working with the SQL Editor": it fetches the source's ApproximateArrivalTimestamp into
 *       the in-application input stream as APPROXIMATE_ARRIVAL_TIME);</li>
 *   <li>{@code SHARD_ID} VARCHAR(64), Kinesis stream sources only: the shard the record came from (KDA developer
 *       guide, "Parallelizing Input Streams": records from a Kinesis data stream include a shard_id field; those
 *       from a Firehose delivery stream do not).</li>
 * </ul>
 *
 * <p>Public so that offline runners (the CLI's {@code analytics run}) see the same columns as the host.
 *
 * <p><b>Threading</b>: stateless.
 */
public final class SourceColumns {

    public static final String ARRIVAL_TIME = "APPROXIMATE_ARRIVAL_TIME";
    public static final String SHARD_ID = "SHARD_ID";

    private SourceColumns() {
    }

    public static Catalog catalog(ApplicationConfig config) {
        Map<String, RowType> streams = new HashMap<>();
        for (InputConfig input : config.inputs()) {
            RowType type = inputType(input);
            input.streamNames().forEach(name -> streams.put(name, type));
        }
        Map<String, RowType> tables = new HashMap<>();
        for (ReferenceConfig reference : config.references()) {
            tables.put(reference.tableName(), schemaType(reference.schema()));
        }
        return new Catalog(streams, tables);
    }

    public static RowType inputType(InputConfig input) {
        List<Column> columns = new ArrayList<>(schemaType(input.schema()).columns());
        columns.add(new Column(ARRIVAL_TIME, SqlType.TIMESTAMP, true));
        if (input.kind() == SourceKind.KINESIS_STREAM) {
            columns.add(new Column(SHARD_ID, SqlType.varchar(64), true));
        }
        return new RowType(columns);
    }

    public static RowType schemaType(SourceSchema schema) {
        List<Column> columns = new ArrayList<>();
        for (RecordColumn c : schema.columns()) {
            columns.add(Column.of(c.name(), c.type()));
        }
        return new RowType(columns);
    }

    /** A decoded row with the hidden source columns appended, in {@link #inputType}'s order. */
    public static Object[] withSource(Object[] values, SourceKind kind, SourceRecord record) {
        int extra = kind == SourceKind.KINESIS_STREAM ? 2 : 1;
        Object[] row = java.util.Arrays.copyOf(values, values.length + extra);
        row[values.length] = record.arrivalMillis();
        if (kind == SourceKind.KINESIS_STREAM) {
            row[values.length + 1] = record.shardId();
        }
        return row;
    }
}
