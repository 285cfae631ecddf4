package io.sluice.firehose.delivery.iceberg;

import org.apache.iceberg.BaseMetastoreTableOperations;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.io.FileIO;

import java.util.Optional;

/**
 * One table of an {@link IcebergTableRegistry}: refreshed from the metadata file the registry names, committed by
 * writing a new metadata file and then swapping the registry's pointer to it only if nobody else committed since
 * this table was read (the registry's version id). A lost race leaves the new file unreferenced and deletes it;
 * Iceberg then refreshes and retries the commit. Used by one thread at a time, as Iceberg's table operations are.
 */
final class RegistryTableOperations extends BaseMetastoreTableOperations {

    private final IcebergTableRegistry registry;
    private final String catalogArn;
    private final String database;
    private final String table;
    private final FileIO io;
    private IcebergTableRegistry.RegisteredTable current;

    RegistryTableOperations(IcebergTableRegistry registry, String catalogArn, String database, String table,
                            FileIO io) {
        this.registry = registry;
        this.catalogArn = catalogArn;
        this.database = database;
        this.table = table;
        this.io = io;
    }

    @Override
    protected String tableName() {
        return database + "." + table;
    }

    @Override
    public FileIO io() {
        return io;
    }

    @Override
    protected void doRefresh() {
        Optional<IcebergTableRegistry.RegisteredTable> found = registry.find(catalogArn, database, table);
        if (found.isEmpty() && currentMetadataLocation() != null) {
            throw new NoSuchTableException("Table %s was dropped", tableName());
        }
        current = found.orElse(null);
        refreshFromMetadataLocation(current == null ? null : current.metadataLocation());
    }

    @Override
    protected void doCommit(TableMetadata base, TableMetadata metadata) {
        String newLocation = writeNewMetadataIfRequired(base == null, metadata);
        try {
            if (base == null) {
                registry.register(catalogArn, database, table, newLocation);
            } else {
                registry.swap(catalogArn, database, table, current, newLocation);
            }
        } catch (CommitFailedException | AlreadyExistsException e) {
            io.deleteFile(newLocation);
            throw e;
        }
    }
}
