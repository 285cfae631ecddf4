package io.sluice.firehose.conversion;

import java.util.List;

/**
 * The columns of one version of a table, in order, with Hive type names as Glue stores them
 * ({@code int}, {@code decimal(10,2)}, {@code array<struct<a:string,b:bigint>>}, ...).
 */
public record TableSchema(String databaseName, String tableName, String versionId, List<Column> columns) {

    public TableSchema {
        columns = List.copyOf(columns);
    }

    public record Column(String name, String type) {
    }
}
