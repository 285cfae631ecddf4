package io.sluice.firehose.config;

import java.util.List;
import java.util.Objects;

/**
 * An Iceberg destination (IcebergDestinationConfiguration): records are written into Apache Iceberg tables of the
 * Glue Data Catalog {@code catalog.catalogArn()} names (or of the catalog the {@code firehose.iceberg.catalog.*}
 * settings name instead), retried for {@code retryDurationSeconds}, then sent to the S3 error output;
 * with {@code allDataBackup} (S3BackupMode AllData) every record also goes to {@code s3}.
 *
 * @param tables           DestinationTableConfigurationList: one table, or several routed by the record's
 *                         {@code otfMetadata}
 * @param appendOnly       AppendOnly: when true, UniqueKeys are ignored and every record is appended
 * @param schemaEvolution  SchemaEvolutionConfiguration.Enabled, kept and described; Sluice does not evolve schemas
 * @param tableCreation    TableCreationConfiguration.Enabled, kept and described; Sluice does not create tables
 */
public record IcebergDestination(String roleArn, IcebergCatalog catalog, List<IcebergTable> tables,
                                 BufferingHints bufferingHints, CloudWatchLogging logging, Processing processing,
                                 boolean allDataBackup, int retryDurationSeconds, S3Settings s3, boolean appendOnly,
                                 boolean schemaEvolution, boolean tableCreation) implements DestinationConfig {

    /** AWS's default RetryOptions.DurationInSeconds for Iceberg destinations. */
    public static final int DEFAULT_RETRY_SECONDS = 300;

    public IcebergDestination {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(s3, "s3");
        tables = tables == null ? List.of() : List.copyOf(tables);
        bufferingHints = bufferingHints == null ? BufferingHints.DEFAULT : bufferingHints;
        logging = logging == null ? CloudWatchLogging.DISABLED : logging;
        processing = processing == null ? Processing.NONE : processing;
    }

    /** CatalogConfiguration: the Glue catalog's ARN and the warehouse location that overrides Sluice's setting. */
    public record IcebergCatalog(String catalogArn, String warehouseLocation) {
    }

    /**
     * A DestinationTableConfiguration.
     *
     * @param uniqueKeys        the columns an upsert matches rows by (empty: append)
     * @param partitionFields   PartitionSpec.Identity source names, kept and described; the table's own spec is used
     * @param errorOutputPrefix S3ErrorOutputPrefix, or null for the S3 configuration's ErrorOutputPrefix
     */
    public record IcebergTable(String databaseName, String tableName, List<String> uniqueKeys,
                               List<String> partitionFields, String errorOutputPrefix) {

        public IcebergTable {
            Objects.requireNonNull(databaseName, "databaseName");
            Objects.requireNonNull(tableName, "tableName");
            uniqueKeys = uniqueKeys == null ? List.of() : List.copyOf(uniqueKeys);
            partitionFields = partitionFields == null ? List.of() : List.copyOf(partitionFields);
        }
    }
}
