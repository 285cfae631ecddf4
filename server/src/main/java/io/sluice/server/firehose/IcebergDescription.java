package io.sluice.server.firehose;

import io.sluice.firehose.config.IcebergDestination;
import io.sluice.firehose.config.IcebergDestination.IcebergTable;
import io.sluice.protocol.ResponseWriter;

/** Writes an IcebergDestinationDescription with every member of the model. Stateless. */
final class IcebergDescription {

    private IcebergDescription() {
    }

    static void write(ResponseWriter out, IcebergDestination d) {
        out.startObject("IcebergDestinationDescription").startArray("DestinationTableConfigurationList");
        for (IcebergTable table : d.tables()) {
            out.startObject().string("DestinationTableName", table.tableName())
                    .string("DestinationDatabaseName", table.databaseName()).startArray("UniqueKeys");
            table.uniqueKeys().forEach(out::string);
            out.endArray();
            if (!table.partitionFields().isEmpty()) {
                out.startObject("PartitionSpec").startArray("Identity");
                table.partitionFields().forEach(f -> out.startObject().string("SourceName", f).endObject());
                out.endArray().endObject();
            }
            out.string("S3ErrorOutputPrefix", table.errorOutputPrefix()).endObject();
        }
        out.endArray()
                .startObject("SchemaEvolutionConfiguration").bool("Enabled", d.schemaEvolution()).endObject()
                .startObject("TableCreationConfiguration").bool("Enabled", d.tableCreation()).endObject();
        DescriptionWriter.hints(out, d.bufferingHints());
        DescriptionWriter.logging(out, d.logging());
        DescriptionWriter.processing(out, d.processing());
        out.string("S3BackupMode", d.allDataBackup() ? "AllData" : "FailedDataOnly")
                .startObject("RetryOptions").number("DurationInSeconds", d.retryDurationSeconds()).endObject()
                .string("RoleARN", d.roleArn())
                .bool("AppendOnly", d.appendOnly())
                .startObject("CatalogConfiguration").string("CatalogARN", d.catalog().catalogArn())
                .string("WarehouseLocation", d.catalog().warehouseLocation()).endObject();
        DescriptionWriter.s3(out, "S3DestinationDescription", d.s3());
        out.endObject();
    }
}
