package io.sluice.firehose.delivery.iceberg;

import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;

import java.util.Optional;

/**
 * Where Iceberg tables are registered when no {@code firehose.iceberg.catalog.*} is configured: a Glue Data Catalog
 * (Sluice's own, in the server), as in AWS, where an Iceberg table is a Glue table whose parameters say
 * {@code table_type=ICEBERG} and name its current {@code metadata_location}. The catalog is the one a destination's
 * CatalogARN ({@code arn:aws:glue:<region>:<account>:catalog}) names. Implementations are thread-safe.
 */
public interface IcebergTableRegistry {

    /** No registry: every lookup finds nothing. */
    IcebergTableRegistry NONE = new IcebergTableRegistry() {
        @Override
        public Optional<RegisteredTable> find(String catalogArn, String database, String table) {
            throw new NoSuchNamespaceException("No data catalog is configured.");
        }

        @Override
        public Optional<String> databaseLocation(String catalogArn, String database) {
            throw new NoSuchNamespaceException("No data catalog is configured.");
        }

        @Override
        public void register(String catalogArn, String database, String table, String metadataLocation) {
            throw new NoSuchNamespaceException("No data catalog is configured.");
        }

        @Override
        public void swap(String catalogArn, String database, String table, RegisteredTable expected,
                         String newMetadataLocation) {
            throw new NoSuchNamespaceException("No data catalog is configured.");
        }
    };

    /**
     * The table's current metadata file and the catalog's version of it; empty when the database has no table of
     * that name.
     *
     * @throws NoSuchNamespaceException the database does not exist
     * @throws NoSuchTableException     the table exists but is not an Iceberg table
     */
    Optional<RegisteredTable> find(String catalogArn, String database, String table);

    /**
     * The database's LocationUri, where new tables go when the catalog has no warehouse; empty when it has none.
     *
     * @throws NoSuchNamespaceException the database does not exist
     */
    Optional<String> databaseLocation(String catalogArn, String database);

    /**
     * Registers a new Iceberg table whose first metadata file is {@code metadataLocation}.
     *
     * @throws AlreadyExistsException   a table of that name exists
     * @throws NoSuchNamespaceException the database does not exist
     */
    void register(String catalogArn, String database, String table, String metadataLocation);

    /**
     * Makes {@code newMetadataLocation} the table's current metadata if the table is still at {@code expected}'s
     * version, recording {@code expected}'s metadata as the previous one.
     *
     * @throws CommitFailedException another commit came first: nothing was changed
     * @throws NoSuchTableException  the table is gone
     */
    void swap(String catalogArn, String database, String table, RegisteredTable expected,
              String newMetadataLocation);

    /** A registered table's current metadata file and the catalog's version id of that registration. */
    record RegisteredTable(String metadataLocation, String versionId) {
    }
}
