package io.sluice.server.glue;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.firehose.conversion.ConversionException;
import io.sluice.firehose.delivery.iceberg.HiveSchemas;
import io.sluice.firehose.delivery.iceberg.IcebergCatalogs;
import io.sluice.glue.Column;
import io.sluice.glue.TableInput;
import io.sluice.protocol.WireObject;
import org.apache.iceberg.Schema;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * CreateTable with an Iceberg {@code OpenTableFormatInput} ({@code IcebergInput}, MetadataOperation CREATE), as
 * Terraform's {@code open_table_format_input} sends it: the table's first Iceberg metadata is written at the
 * StorageDescriptor's Location, its schema made from the StorageDescriptor's columns, and the Glue table registered
 * with {@code table_type=ICEBERG} and that {@code metadata_location}, as Glue and Iceberg's Glue catalog lay it
 * out. CreateIcebergTableInput (a schema in Iceberg's own terms) and partition keys are refused by name. Files are
 * written through the Iceberg destinations' file IO ({@code firehose.s3.*} for {@code s3://}). Thread-safe.
 */
final class IcebergTableCreation {

    private final IcebergCatalogs catalogs;

    IcebergTableCreation(IcebergCatalogs catalogs) {
        this.catalogs = Objects.requireNonNull(catalogs, "catalogs");
    }

    /** The TableInput to register once the metadata named in its parameters is written. */
    TableInput create(WireObject openTableFormat, TableInput input) {
        WireObject iceberg = openTableFormat.object("IcebergInput");
        if (iceberg == null) {
            throw invalid("OpenTableFormatInput needs an IcebergInput.");
        }
        GlueReader.refuse(iceberg, "CreateIcebergTableInput");
        if (!"CREATE".equals(iceberg.string("MetadataOperation"))) {
            throw invalid("IcebergInput.MetadataOperation can only be CREATE.");
        }
        String version = iceberg.string("Version") == null ? "2" : iceberg.string("Version");
        if (!version.equals("1") && !version.equals("2")) {
            throw invalid("IcebergInput.Version must be 1 or 2, not " + version + ".");
        }
        if (input.partitionKeys() != null && !input.partitionKeys().isEmpty()) {
            throw invalid("An Iceberg table is created unpartitioned: PartitionKeys are not supported with "
                    + "OpenTableFormatInput.");
        }
        if (input.storageDescriptor() == null || input.storageDescriptor().location() == null
                || input.storageDescriptor().columns() == null || input.storageDescriptor().columns().isEmpty()) {
            throw invalid("An Iceberg table needs StorageDescriptor.Location and StorageDescriptor.Columns.");
        }
        Schema schema = schema(input);
        String metadataLocation;
        try {
            metadataLocation = catalogs.writeNewTable(schema, input.storageDescriptor().location(),
                    Integer.parseInt(version));
        } catch (RuntimeException e) {
            throw new ServiceException(ErrorType.INVALID_INPUT, "The Iceberg metadata could not be written at "
                    + input.storageDescriptor().location() + ": " + e.getMessage());
        }
        Map<String, String> parameters = new HashMap<>(input.parameters() == null ? Map.of() : input.parameters());
        parameters.put(GlueIcebergTables.TABLE_TYPE, GlueIcebergTables.ICEBERG);
        parameters.put(GlueIcebergTables.METADATA_LOCATION, metadataLocation);
        return input.withParameters(parameters)
                .withTableType(input.tableType() == null ? "EXTERNAL_TABLE" : input.tableType());
    }

    private static Schema schema(TableInput input) {
        SequencedMap<String, String> columns = new LinkedHashMap<>();
        for (Column column : input.storageDescriptor().columns()) {
            columns.put(column.name().toLowerCase(Locale.ROOT), column.type());
        }
        try {
            return HiveSchemas.schema(columns);
        } catch (ConversionException e) {
            throw invalid(e.getMessage());
        }
    }

    private static ServiceException invalid(String message) {
        return new ServiceException(ErrorType.INVALID_INPUT, message);
    }
}
