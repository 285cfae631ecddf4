package io.sluice.firehose.delivery.iceberg;

import org.apache.iceberg.BaseMetastoreCatalog;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.io.FileIO;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * An Iceberg catalog over an {@link IcebergTableRegistry} (the Glue Data Catalog a CatalogARN names): loads,
 * creates and commits tables of one-level namespaces (Glue databases). New tables go under the warehouse, else
 * under their database's LocationUri, as {@code <database>.db/<table>}. Listing, dropping and renaming are Glue's
 * own calls (GetTables, DeleteTable, UpdateTable), not this catalog's. Thread-safe: each table has operations of
 * its own.
 */
final class RegistryCatalog extends BaseMetastoreCatalog implements Closeable {

    private final IcebergTableRegistry registry;
    private final String catalogArn;
    private final String warehouse;
    private final FileIO io;

    RegistryCatalog(IcebergTableRegistry registry, String catalogArn, String warehouse, FileIO io) {
        this.registry = registry;
        this.catalogArn = catalogArn;
        this.warehouse = warehouse;
        this.io = io;
    }

    @Override
    public String name() {
        return catalogArn;
    }

    @Override
    protected boolean isValidIdentifier(TableIdentifier id) {
        return id.namespace().levels().length == 1;
    }

    @Override
    protected TableOperations newTableOps(TableIdentifier id) {
        return new RegistryTableOperations(registry, catalogArn, id.namespace().level(0), id.name(), io);
    }

    @Override
    protected String defaultWarehouseLocation(TableIdentifier id) {
        String database = id.namespace().level(0);
        String root = warehouse != null ? warehouse : registry.databaseLocation(catalogArn, database)
                .orElseThrow(() -> new NoSuchNamespaceException("Database %s has no LocationUri and no warehouse "
                        + "location is set: give the table a location", database));
        return (root.endsWith("/") ? root : root + "/") + database + ".db/" + id.name();
    }

    @Override
    public List<TableIdentifier> listTables(Namespace namespace) {
        throw new UnsupportedOperationException("List the tables through Glue's GetTables");
    }

    @Override
    public boolean dropTable(TableIdentifier id, boolean purge) {
        throw new UnsupportedOperationException("Drop the table through Glue's DeleteTable");
    }

    @Override
    public void renameTable(TableIdentifier from, TableIdentifier to) {
        throw new UnsupportedOperationException("Rename the table through Glue");
    }

    @Override
    public void close() throws IOException {
        io.close();
    }
}
