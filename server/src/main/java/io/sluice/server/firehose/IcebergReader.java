package io.sluice.server.firehose;

import io.sluice.common.ServiceException;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.CloudWatchLogging;
import io.sluice.firehose.config.IcebergDestination;
import io.sluice.firehose.config.IcebergDestination.IcebergCatalog;
import io.sluice.firehose.config.IcebergDestination.IcebergTable;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.config.S3Settings;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads an IcebergDestinationConfiguration (or IcebergDestinationUpdate over a base, where absent members keep the
 * base's values) with the model's constraints. Stateless.
 */
final class IcebergReader {

    private static final Pattern CATALOG_ARN =
            Pattern.compile("arn:.*:glue:.*:\\d{12}:catalog(?:(/[a-z0-9_-]+){1,2})?");
    private static final Pattern WAREHOUSE = Pattern.compile("s3:\\/\\/.*");
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9\\.\\_]+");
    private static final Pattern NO_WHITESPACE = Pattern.compile("^\\S+$");
    private static final List<String> BACKUP_MODES = List.of("FailedDataOnly", "AllData");

    private final DestinationReader reader;
    private final ProcessingReader processing = new ProcessingReader();

    IcebergReader(DestinationReader reader) {
        this.reader = reader;
    }

    IcebergDestination read(WireObject in, String path, Validator v, IcebergDestination base, boolean update) {
        String role = in.string("RoleARN");
        WireObject catalogIn = in.object("CatalogConfiguration");
        String s3Member = update ? "S3Update" : "S3Configuration";
        WireObject s3In = in.object(s3Member);
        if (base == null) {
            v.required(path + ".roleARN", role).required(path + ".catalogConfiguration", catalogIn)
                    .required(path + "." + lowerFirst(s3Member), s3In);
        }
        v.length(path + ".roleARN", role, 1, 512).pattern(path + ".roleARN", role, Patterns.ROLE_ARN);
        IcebergCatalog catalog = catalogIn == null ? (base == null ? null : base.catalog())
                : catalog(catalogIn, path + ".catalogConfiguration", v);
        List<IcebergTable> tables = in.has("DestinationTableConfigurationList")
                ? tables(in.objects("DestinationTableConfigurationList"),
                path + ".destinationTableConfigurationList", v) : base == null ? List.of() : base.tables();
        BufferingHints hints = reader.hints(in.object("BufferingHints"), path + ".bufferingHints", v, 128,
                base == null ? null : base.bufferingHints());
        CloudWatchLogging logging = reader.logging(in.object("CloudWatchLoggingOptions"),
                path + ".cloudWatchLoggingOptions", v, base == null ? null : base.logging());
        Processing proc = processing.read(in.object("ProcessingConfiguration"), path + ".processingConfiguration", v,
                base == null ? null : base.processing());
        String backupMode = in.string("S3BackupMode");
        v.oneOf(path + ".s3BackupMode", backupMode, BACKUP_MODES);
        int retrySeconds = reader.retry(in.object("RetryOptions"), path + ".retryOptions", v,
                base == null ? IcebergDestination.DEFAULT_RETRY_SECONDS : base.retryDurationSeconds());
        Boolean appendOnly = in.bool("AppendOnly");
        Boolean schemaEvolution = enabled(in.object("SchemaEvolutionConfiguration"),
                path + ".schemaEvolutionConfiguration", v);
        Boolean tableCreation = enabled(in.object("TableCreationConfiguration"),
                path + ".tableCreationConfiguration", v);
        S3Settings s3 = s3In == null ? (base == null ? null : base.s3())
                : reader.s3(s3In, path + "." + lowerFirst(s3Member), v, base == null ? null : base.s3());
        if (catalog == null || s3 == null || (role == null && base == null)) {
            return null; // required members missing: the validator reports them
        }
        if (Boolean.TRUE.equals(schemaEvolution) || Boolean.TRUE.equals(tableCreation)) {
            throw DestinationRules.notYet("Iceberg schema evolution and automatic table creation are not "
                    + "supported by Sluice; create the tables in the catalog first. SchemaEvolutionConfiguration "
                    + "and TableCreationConfiguration with Enabled true are");
        }
        return new IcebergDestination(role != null ? role : base.roleArn(), catalog, tables, hints, logging, proc,
                backupMode == null ? base != null && base.allDataBackup() : backupMode.equals("AllData"),
                retrySeconds, s3, appendOnly == null ? base != null && base.appendOnly() : appendOnly,
                false, false);
    }

    private static IcebergCatalog catalog(WireObject in, String path, Validator v) {
        String arn = in.string("CatalogARN");
        String warehouse = in.string("WarehouseLocation");
        v.length(path + ".catalogARN", arn, 1, 512).pattern(path + ".catalogARN", arn, CATALOG_ARN)
                .length(path + ".warehouseLocation", warehouse, 1, 2048)
                .pattern(path + ".warehouseLocation", warehouse, WAREHOUSE);
        return new IcebergCatalog(arn, warehouse);
    }

    private static List<IcebergTable> tables(List<WireObject> items, String path, Validator v) {
        List<IcebergTable> tables = new ArrayList<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            WireObject item = items.get(i);
            String p = path + "." + (i + 1) + ".member";
            String table = item.string("DestinationTableName");
            String database = item.string("DestinationDatabaseName");
            String errorPrefix = item.string("S3ErrorOutputPrefix");
            v.required(p + ".destinationTableName", table).length(p + ".destinationTableName", table, 1, 255)
                    .pattern(p + ".destinationTableName", table, TABLE_NAME)
                    .required(p + ".destinationDatabaseName", database)
                    .length(p + ".destinationDatabaseName", database, 1, 255)
                    .pattern(p + ".destinationDatabaseName", database, TABLE_NAME)
                    .length(p + ".s3ErrorOutputPrefix", errorPrefix, 0, 1024);
            List<String> keys = item.strings("UniqueKeys");
            for (int k = 0; keys != null && k < keys.size(); k++) {
                v.length(p + ".uniqueKeys." + (k + 1) + ".member", keys.get(k), 1, 1024)
                        .pattern(p + ".uniqueKeys." + (k + 1) + ".member", keys.get(k), NO_WHITESPACE);
            }
            List<String> partitionFields = new ArrayList<>();
            WireObject spec = item.object("PartitionSpec");
            List<WireObject> identity = spec == null ? null : spec.objects("Identity");
            for (int f = 0; identity != null && f < identity.size(); f++) {
                String source = identity.get(f).string("SourceName");
                String fp = p + ".partitionSpec.identity." + (f + 1) + ".member.sourceName";
                v.required(fp, source).length(fp, source, 1, 1024).pattern(fp, source, NO_WHITESPACE);
                partitionFields.add(source);
            }
            if (table != null && database != null) {
                tables.add(new IcebergTable(database, table, keys, partitionFields, errorPrefix));
            }
        }
        if (tables.stream().map(t -> t.databaseName() + "." + t.tableName()).distinct().count() < tables.size()) {
            throw ServiceException.invalidArgument("DestinationTableConfigurationList names a table twice.");
        }
        return tables;
    }

    private static Boolean enabled(WireObject in, String path, Validator v) {
        if (in == null) {
            return null;
        }
        Boolean enabled = in.bool("Enabled");
        v.required(path + ".enabled", enabled);
        return enabled;
    }

    private static String lowerFirst(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
