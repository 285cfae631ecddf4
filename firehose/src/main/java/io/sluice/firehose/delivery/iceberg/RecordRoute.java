package io.sluice.firehose.delivery.iceberg;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.config.IcebergDestination.IcebergTable;

import java.util.List;
import java.util.Locale;

/**
 * Where one record goes and what it does there. A record may carry AWS's routing object as a top-level
 * {@code otfMetadata} member ({@code destinationDatabaseName}, {@code destinationTableName}, {@code operation}
 * insert | update | delete); without it, or without a table in it, the record goes to the destination's only
 * table. The table must be one of the destination's DestinationTableConfigurationList. Values.
 */
record RecordRoute(IcebergTable table, Operation operation) {

    /** What a record does to its table. */
    enum Operation {
        /** Adds the record; with unique keys (and AppendOnly false), replaces the rows of its key. */
        INSERT,
        /** Deletes the rows of the record's key. */
        DELETE
    }

    static final String ROUTING_MEMBER = "otfMetadata";

    static RecordRoute of(JsonNode record, List<IcebergTable> tables) throws RecordMismatchException {
        JsonNode routing = record.path(ROUTING_MEMBER);
        Operation operation = operation(routing.path("operation").asText("insert"));
        String database = routing.path("destinationDatabaseName").asText(null);
        String name = routing.path("destinationTableName").asText(null);
        if (name == null) {
            if (tables.size() != 1) {
                throw new RecordMismatchException(RecordMismatchException.INVALID_ROUTE,
                        "The record names no destination table (otfMetadata.destinationTableName) and the "
                                + "delivery stream has " + tables.size() + " tables.");
            }
            return new RecordRoute(tables.get(0), operation);
        }
        for (IcebergTable table : tables) {
            if (table.tableName().equals(name) && (database == null || table.databaseName().equals(database))) {
                return new RecordRoute(table, operation);
            }
        }
        throw new RecordMismatchException(RecordMismatchException.INVALID_ROUTE, "The table "
                + (database == null ? "" : database + ".") + name
                + " is not in the delivery stream's DestinationTableConfigurationList.");
    }

    private static Operation operation(String text) throws RecordMismatchException {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "insert", "update" -> Operation.INSERT;
            case "delete" -> Operation.DELETE;
            default -> throw new RecordMismatchException(RecordMismatchException.INVALID_ROUTE,
                    "Unknown otfMetadata.operation " + text + ": insert, update or delete.");
        };
    }
}
