package io.sluice.server.glue;

import io.sluice.glue.Column;
import io.sluice.glue.Database;
import io.sluice.glue.SortOrder;
import io.sluice.glue.StorageDescriptor;
import io.sluice.glue.Table;
import io.sluice.glue.TableInput;
import io.sluice.protocol.ResponseWriter;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes databases and tables as Glue answers them: members given at creation as given, {@code PartitionKeys} and
 * {@code Parameters} always present (empty when not given), {@code IsRegisteredWithLakeFormation} false and the
 * default Lake Formation grant ({@code IAM_ALLOWED_PRINCIPALS: ALL}, IAM permissions only) on databases. Stateless.
 */
final class GlueWriter {

    private GlueWriter() {
    }

    /**
     * A Database structure, as member {@code member} (null: a list item); with {@code namesOnly}, only its Name
     * (AttributesToGet NAME).
     */
    static void database(ResponseWriter out, String member, Database db, boolean namesOnly) {
        open(out, member).string("Name", db.name());
        if (!namesOnly) {
            optional(out, "Description", db.input().description());
            optional(out, "LocationUri", db.input().locationUri());
            map(out, "Parameters", db.input().parameters());
            out.timestamp("CreateTime", db.createTime());
            out.startArray("CreateTableDefaultPermissions").startObject().startObject("Principal")
                    .string("DataLakePrincipalIdentifier", GlueReader.IAM_ONLY).endObject()
                    .startArray("Permissions").string("ALL").endArray().endObject().endArray();
            out.string("CatalogId", db.catalog().catalogId());
        }
        out.endObject();
    }

    /**
     * A Table structure, as member {@code member} (null: a list item); with {@code attributes} (AttributesToGet),
     * only those of NAME and TABLE_TYPE.
     */
    static void table(ResponseWriter out, String member, Table table, List<String> attributes) {
        TableInput in = table.input();
        open(out, member).string("Name", in.name());
        if (attributes != null) {
            if (attributes.contains("TABLE_TYPE")) {
                optional(out, "TableType", in.tableType());
            }
            out.endObject();
            return;
        }
        out.string("DatabaseName", table.databaseName());
        optional(out, "Description", in.description());
        optional(out, "Owner", in.owner());
        out.timestamp("CreateTime", table.createTime()).timestamp("UpdateTime", table.updateTime());
        if (in.lastAccessTime() != null) {
            out.timestamp("LastAccessTime", in.lastAccessTime());
        }
        if (in.lastAnalyzedTime() != null) {
            out.timestamp("LastAnalyzedTime", in.lastAnalyzedTime());
        }
        out.number("Retention", in.retention() == null ? 0 : in.retention());
        if (in.storageDescriptor() != null) {
            storage(out, in.storageDescriptor());
        }
        columns(out, "PartitionKeys", in.partitionKeys() == null ? List.of() : in.partitionKeys());
        optional(out, "ViewOriginalText", in.viewOriginalText());
        optional(out, "ViewExpandedText", in.viewExpandedText());
        optional(out, "TableType", in.tableType());
        map(out, "Parameters", in.parameters());
        out.bool("IsRegisteredWithLakeFormation", false).string("CatalogId", table.catalog().catalogId())
                .string("VersionId", table.versionId()).endObject();
    }

    private static ResponseWriter open(ResponseWriter out, String member) {
        return member == null ? out.startObject() : out.startObject(member);
    }

    private static void storage(ResponseWriter out, StorageDescriptor sd) {
        out.startObject("StorageDescriptor");
        columns(out, "Columns", sd.columns() == null ? List.of() : sd.columns());
        optional(out, "Location", sd.location());
        strings(out, "AdditionalLocations", sd.additionalLocations());
        optional(out, "InputFormat", sd.inputFormat());
        optional(out, "OutputFormat", sd.outputFormat());
        out.bool("Compressed", sd.compressed()).number("NumberOfBuckets",
                sd.numberOfBuckets() == null ? 0 : sd.numberOfBuckets());
        if (sd.serdeInfo() != null) {
            out.startObject("SerdeInfo");
            optional(out, "Name", sd.serdeInfo().name());
            optional(out, "SerializationLibrary", sd.serdeInfo().serializationLibrary());
            map(out, "Parameters", sd.serdeInfo().parameters());
            out.endObject();
        }
        strings(out, "BucketColumns", sd.bucketColumns() == null ? List.of() : sd.bucketColumns());
        out.startArray("SortColumns");
        for (SortOrder order : sd.sortColumns() == null ? List.<SortOrder>of() : sd.sortColumns()) {
            out.startObject().string("Column", order.column()).number("SortOrder", order.sortOrder()).endObject();
        }
        out.endArray();
        map(out, "Parameters", sd.parameters());
        if (sd.skewedInfo() != null) {
            out.startObject("SkewedInfo");
            strings(out, "SkewedColumnNames", sd.skewedInfo().columnNames());
            strings(out, "SkewedColumnValues", sd.skewedInfo().columnValues());
            if (sd.skewedInfo().valueLocationMaps() != null) {
                map(out, "SkewedColumnValueLocationMaps", sd.skewedInfo().valueLocationMaps());
            }
            out.endObject();
        }
        out.bool("StoredAsSubDirectories", sd.storedAsSubDirectories()).endObject();
    }

    private static void columns(ResponseWriter out, String name, List<Column> columns) {
        out.startArray(name);
        for (Column column : columns) {
            out.startObject().string("Name", column.name());
            optional(out, "Type", column.type());
            optional(out, "Comment", column.comment());
            if (column.parameters() != null) {
                map(out, "Parameters", column.parameters());
            }
            out.endObject();
        }
        out.endArray();
    }

    private static void strings(ResponseWriter out, String name, List<String> values) {
        if (values != null) {
            out.startArray(name);
            values.forEach(out::string);
            out.endArray();
        }
    }

    private static void map(ResponseWriter out, String name, Map<String, String> values) {
        out.startObject(name);
        if (values != null) {
            new TreeMap<>(values).forEach(out::string);
        }
        out.endObject();
    }

    private static void optional(ResponseWriter out, String name, String value) {
        if (value != null) {
            out.string(name, value);
        }
    }
}
