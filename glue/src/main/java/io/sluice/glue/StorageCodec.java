package io.sluice.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

import static io.sluice.glue.JsonMembers.list;
import static io.sluice.glue.JsonMembers.map;
import static io.sluice.glue.JsonMembers.number;
import static io.sluice.glue.JsonMembers.optional;
import static io.sluice.glue.JsonMembers.optionalText;
import static io.sluice.glue.JsonMembers.strings;
import static io.sluice.glue.JsonMembers.text;

/**
 * The stored form of a table's StorageDescriptor and of column lists, part of {@link CatalogCodec}'s format (the
 * members under Glue's names). Stateless.
 */
final class StorageCodec {

    private StorageCodec() {
    }

    static void encode(ObjectNode node, StorageDescriptor sd) {
        columns(node, "Columns", sd.columns());
        optional(node, "Location", sd.location());
        strings(node, "AdditionalLocations", sd.additionalLocations());
        optional(node, "InputFormat", sd.inputFormat());
        optional(node, "OutputFormat", sd.outputFormat());
        node.put("Compressed", sd.compressed());
        if (sd.numberOfBuckets() != null) {
            node.put("NumberOfBuckets", sd.numberOfBuckets());
        }
        if (sd.serdeInfo() != null) {
            ObjectNode serde = node.putObject("SerdeInfo");
            optional(serde, "Name", sd.serdeInfo().name());
            optional(serde, "SerializationLibrary", sd.serdeInfo().serializationLibrary());
            map(serde, "Parameters", sd.serdeInfo().parameters());
        }
        strings(node, "BucketColumns", sd.bucketColumns());
        if (sd.sortColumns() != null) {
            ArrayNode sorts = node.putArray("SortColumns");
            sd.sortColumns().forEach(o -> sorts.addObject().put("Column", o.column()).put("SortOrder", o.sortOrder()));
        }
        map(node, "Parameters", sd.parameters());
        if (sd.skewedInfo() != null) {
            ObjectNode skewed = node.putObject("SkewedInfo");
            strings(skewed, "SkewedColumnNames", sd.skewedInfo().columnNames());
            strings(skewed, "SkewedColumnValues", sd.skewedInfo().columnValues());
            map(skewed, "SkewedColumnValueLocationMaps", sd.skewedInfo().valueLocationMaps());
        }
        node.put("StoredAsSubDirectories", sd.storedAsSubDirectories());
    }

    static StorageDescriptor decode(JsonNode node) {
        JsonNode serde = node.get("SerdeInfo");
        JsonNode skewed = node.get("SkewedInfo");
        return new StorageDescriptor(columns(node, "Columns"), optionalText(node, "Location"),
                strings(node, "AdditionalLocations"), optionalText(node, "InputFormat"),
                optionalText(node, "OutputFormat"), node.path("Compressed").asBoolean(false),
                node.has("NumberOfBuckets") ? (int) number(node, "NumberOfBuckets") : null,
                serde == null ? null : new SerDeInfo(optionalText(serde, "Name"),
                        optionalText(serde, "SerializationLibrary"), map(serde, "Parameters")),
                strings(node, "BucketColumns"),
                list(node, "SortColumns", o -> new SortOrder(text(o, "Column"), (int) number(o, "SortOrder"))),
                map(node, "Parameters"),
                skewed == null ? null : new SkewedInfo(strings(skewed, "SkewedColumnNames"),
                        strings(skewed, "SkewedColumnValues"), map(skewed, "SkewedColumnValueLocationMaps")),
                node.path("StoredAsSubDirectories").asBoolean(false));
    }

    static void columns(ObjectNode node, String name, List<Column> columns) {
        if (columns == null) {
            return;
        }
        ArrayNode array = node.putArray(name);
        for (Column column : columns) {
            ObjectNode c = array.addObject().put("Name", column.name());
            optional(c, "Type", column.type());
            optional(c, "Comment", column.comment());
            map(c, "Parameters", column.parameters());
        }
    }

    static List<Column> columns(JsonNode node, String name) {
        return list(node, name, c -> new Column(text(c, "Name"), optionalText(c, "Type"), optionalText(c, "Comment"),
                map(c, "Parameters")));
    }
}
