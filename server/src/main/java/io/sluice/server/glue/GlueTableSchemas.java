package io.sluice.server.glue;

import io.sluice.common.ServiceException;
import io.sluice.firehose.conversion.SchemaUnavailableException;
import io.sluice.firehose.conversion.TableRef;
import io.sluice.firehose.conversion.TableSchema;
import io.sluice.firehose.conversion.TableSchemas;
import io.sluice.glue.CatalogRef;
import io.sluice.glue.Column;
import io.sluice.glue.GlueCatalog;
import io.sluice.glue.HiveTypes;
import io.sluice.glue.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Record format conversion's view of Sluice's Glue Data Catalog: a SchemaConfiguration's table, read at delivery
 * time. A TableRef without CatalogId or Region is the delivery stream's account's and region's ({@code account},
 * {@code region}: the defaults this server gives callers without their own); VersionId null or {@code LATEST} is
 * the current version. The columns are the StorageDescriptor's, with types in {@link HiveTypes#canonical canonical}
 * spelling; partition keys are not among them, since Hive tables hold those in the object's path, not its data. A missing database, table or version is a
 * {@link SchemaUnavailableException} with Glue's error code and message. Thread-safe.
 */
public final class GlueTableSchemas implements TableSchemas {

    private static final String LATEST = "LATEST";

    private final GlueCatalog catalog;
    private final String account;
    private final String region;

    public GlueTableSchemas(GlueCatalog catalog, String account, String region) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.account = Objects.requireNonNull(account, "account");
        this.region = Objects.requireNonNull(region, "region");
    }

    @Override
    public TableSchema table(TableRef ref) throws SchemaUnavailableException {
        CatalogRef c = new CatalogRef(ref.catalogId() == null ? account : ref.catalogId(),
                ref.region() == null ? region : ref.region());
        String version = ref.versionId() == null || ref.versionId().equalsIgnoreCase(LATEST) ? null : ref.versionId();
        Table table;
        try {
            table = catalog.versions().get(c, ref.databaseName(), ref.tableName(), version);
        } catch (ServiceException e) {
            throw new SchemaUnavailableException(e.type().awsName(), e.getMessage());
        }
        List<TableSchema.Column> columns = new ArrayList<>();
        if (table.input().storageDescriptor() != null && table.input().storageDescriptor().columns() != null) {
            add(columns, table.input().storageDescriptor().columns());
        }
        return new TableSchema(table.databaseName(), table.name(), table.versionId(), columns);
    }

    private static void add(List<TableSchema.Column> out, List<Column> columns) throws SchemaUnavailableException {
        for (Column column : columns) {
            if (column.type() == null || column.type().isBlank()) {
                throw new SchemaUnavailableException("InvalidInputException", "Column " + column.name()
                        + " has no type.");
            }
            out.add(new TableSchema.Column(column.name(), HiveTypes.canonical(column.type())));
        }
    }
}
