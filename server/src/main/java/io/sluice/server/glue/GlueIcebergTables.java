package io.sluice.server.glue;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.firehose.delivery.iceberg.IcebergTableRegistry;
import io.sluice.glue.CatalogRef;
import io.sluice.glue.GlueCatalog;
import io.sluice.glue.Table;
import io.sluice.glue.TableInput;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Iceberg destinations' view of Sluice's Glue Data Catalog, laid out as Iceberg's own Glue catalog lays tables out
 * (so tables made by Spark, PyIceberg or Athena through the Glue API are found, and the other way round): an
 * {@code EXTERNAL_TABLE} whose parameters hold {@code table_type=ICEBERG}, {@code metadata_location} and, after a
 * commit, {@code previous_metadata_location}. A commit is Glue's UpdateTable conditioned on the version that was
 * read, so two writers never both win. The catalog is the CatalogARN's account and region
 * ({@code arn:aws:glue:<region>:<account>:catalog}), else this server's defaults. Thread-safe, as the catalogue is.
 */
public final class GlueIcebergTables implements IcebergTableRegistry {

    static final String TABLE_TYPE = "table_type";
    static final String ICEBERG = "ICEBERG";
    static final String METADATA_LOCATION = "metadata_location";
    static final String PREVIOUS_METADATA_LOCATION = "previous_metadata_location";

    private final GlueCatalog catalog;
    private final String account;
    private final String region;

    public GlueIcebergTables(GlueCatalog catalog, String account, String region) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.account = Objects.requireNonNull(account, "account");
        this.region = Objects.requireNonNull(region, "region");
    }

    @Override
    public Optional<RegisteredTable> find(String catalogArn, String database, String table) {
        CatalogRef c = ref(catalogArn);
        database(c, database);
        Table found;
        try {
            found = catalog.getTable(c, database, table);
        } catch (ServiceException e) {
            if (e.type() == ErrorType.ENTITY_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        Map<String, String> parameters = parameters(found);
        if (!ICEBERG.equalsIgnoreCase(parameters.get(TABLE_TYPE)) || parameters.get(METADATA_LOCATION) == null) {
            throw new NoSuchTableException("Table %s.%s is not an Iceberg table: its parameters have no "
                    + "table_type ICEBERG and metadata_location", database, table);
        }
        return Optional.of(new RegisteredTable(parameters.get(METADATA_LOCATION), found.versionId()));
    }

    @Override
    public Optional<String> databaseLocation(String catalogArn, String database) {
        return Optional.ofNullable(database(ref(catalogArn), database).input().locationUri());
    }

    @Override
    public void register(String catalogArn, String database, String table, String metadataLocation) {
        CatalogRef c = ref(catalogArn);
        database(c, database);
        try {
            catalog.createTable(c, database, new TableInput(table, null, null, null, null, null, null, null, null,
                    null, "EXTERNAL_TABLE", Map.of(TABLE_TYPE, ICEBERG, METADATA_LOCATION, metadataLocation)));
        } catch (ServiceException e) {
            if (e.type() == ErrorType.ALREADY_EXISTS) {
                throw new AlreadyExistsException("Table %s.%s already exists", database, table);
            }
            throw e;
        }
    }

    @Override
    public void swap(String catalogArn, String database, String table, RegisteredTable expected,
                     String newMetadataLocation) {
        CatalogRef c = ref(catalogArn);
        try {
            Table current = catalog.getTable(c, database, table);
            if (!expected.metadataLocation().equals(parameters(current).get(METADATA_LOCATION))) {
                throw new CommitFailedException("Table %s.%s was committed by another writer", database, table);
            }
            Map<String, String> parameters = new HashMap<>(parameters(current));
            parameters.put(METADATA_LOCATION, newMetadataLocation);
            parameters.put(PREVIOUS_METADATA_LOCATION, expected.metadataLocation());
            catalog.updateTable(c, database, current.input().withParameters(parameters), false,
                    expected.versionId());
        } catch (ServiceException e) {
            throw switch (e.type()) {
                case CONCURRENT_MODIFICATION -> new CommitFailedException(e, "Table %s.%s was committed by "
                        + "another writer", database, table);
                case ENTITY_NOT_FOUND -> new NoSuchTableException(e, "Table %s.%s is gone: %s", database, table,
                        e.getMessage());
                default -> e;
            };
        }
    }

    private io.sluice.glue.Database database(CatalogRef c, String database) {
        try {
            return catalog.getDatabase(c, database);
        } catch (ServiceException e) {
            if (e.type() == ErrorType.ENTITY_NOT_FOUND) {
                throw new NoSuchNamespaceException("Database %s not found in the Glue Data Catalog", database);
            }
            throw e;
        }
    }

    private static Map<String, String> parameters(Table table) {
        return table.input().parameters() == null ? Map.of() : table.input().parameters();
    }

    /** The account and region of {@code arn:aws:glue:<region>:<account>:catalog}; this server's otherwise. */
    private CatalogRef ref(String catalogArn) {
        String[] parts = catalogArn == null ? new String[0] : catalogArn.split(":", -1);
        boolean glueArn = parts.length == 6 && parts[0].equals("arn") && parts[2].equals("glue");
        return new CatalogRef(glueArn && !parts[4].isEmpty() ? parts[4] : account,
                glueArn && !parts[3].isEmpty() ? parts[3] : region);
    }
}
