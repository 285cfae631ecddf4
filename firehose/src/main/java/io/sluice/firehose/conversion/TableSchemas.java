package io.sluice.firehose.conversion;

/**
 * Where record format conversion finds a Glue table's schema (Sluice's own Glue Data Catalog in the server).
 * Looked up at delivery time, as AWS does, so a table changed after the delivery stream was created is seen.
 * Thread-safe.
 */
@FunctionalInterface
public interface TableSchemas {

    /** No catalogue: every lookup fails. */
    TableSchemas NONE = table -> {
        throw new SchemaUnavailableException("EntityNotFoundException", "No data catalog is configured.");
    };

    /** The table's columns (the version named, or the current one when {@code versionId} is null or LATEST). */
    TableSchema table(TableRef table) throws SchemaUnavailableException;
}
