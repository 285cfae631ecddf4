package io.sluice.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.common.UnsupportedFormatVersionException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The stored form of databases and table versions: a JSON object written member by member (never by reflection, so
 * renaming a record component cannot change it) with {@code "formatVersion"}, the catalogue ({@code CatalogId},
 * {@code Region}) and the members under Glue's own names ({@code Name}, {@code StorageDescriptor.Columns}, ...);
 * times in epoch milliseconds; optional members absent when not given (a database's {@code Tags} too, so entries
 * written before databases had tags read as untagged).
 *
 * <p>Versions: 1 is the only one (golden files {@code golden/glue-database-v1.json} and
 * {@code golden/glue-table-v1.json} in the tests). Unknown members are ignored within a known version, so optional
 * members can be added without a new version; a version this code does not know is refused with
 * {@link UnsupportedFormatVersionException} naming the key, and an entry that is not such JSON with an
 * {@link IllegalStateException} naming the key ("damaged").
 *
 * <p>Thread-safe (Jackson's mapper is; no other state).
 */
public final class CatalogCodec {

    public static final int VERSION = 1;
    private static final String VERSION_MEMBER = "formatVersion";

    private final ObjectMapper json = new ObjectMapper();

    public byte[] encode(Database database) {
        ObjectNode root = root(database.catalog());
        DatabaseInput in = database.input();
        root.put("Name", in.name());
        optional(root, "Description", in.description());
        optional(root, "LocationUri", in.locationUri());
        map(root, "Parameters", in.parameters());
        root.put("CreateTime", database.createTime());
        if (!database.tags().isEmpty()) {
            map(root, "Tags", database.tags());
        }
        return bytes(root);
    }

    public byte[] encode(Table table) {
        ObjectNode root = root(table.catalog());
        TableInput in = table.input();
        root.put("DatabaseName", table.databaseName()).put("Name", in.name()).put("VersionId", table.versionId())
                .put("CreateTime", table.createTime()).put("UpdateTime", table.updateTime());
        optional(root, "Description", in.description());
        optional(root, "Owner", in.owner());
        optional(root, "LastAccessTime", in.lastAccessTime());
        optional(root, "LastAnalyzedTime", in.lastAnalyzedTime());
        if (in.retention() != null) {
            root.put("Retention", in.retention());
        }
        if (in.storageDescriptor() != null) {
            storage(root.putObject("StorageDescriptor"), in.storageDescriptor());
        }
        columns(root, "PartitionKeys", in.partitionKeys());
        optional(root, "ViewOriginalText", in.viewOriginalText());
        optional(root, "ViewExpandedText", in.viewExpandedText());
        optional(root, "TableType", in.tableType());
        map(root, "Parameters", in.parameters());
        return bytes(root);
    }

    /** Decodes a database entry read from {@code key}, which error messages name. */
    public Database decodeDatabase(String key, byte[] data) {
        JsonNode root = open(key, data);
        try {
            return new Database(catalog(root), new DatabaseInput(text(root, "Name"), optionalText(root, "Description"),
                    optionalText(root, "LocationUri"), map(root, "Parameters")), number(root, "CreateTime"),
                    map(root, "Tags"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw damaged(key, e.getMessage());
        }
    }

    /** Decodes a table version entry read from {@code key}, which error messages name. */
    public Table decodeTable(String key, byte[] data) {
        JsonNode root = open(key, data);
        try {
            JsonNode sd = root.get("StorageDescriptor");
            TableInput in = new TableInput(text(root, "Name"), optionalText(root, "Description"),
                    optionalText(root, "Owner"), optionalNumber(root, "LastAccessTime"),
                    optionalNumber(root, "LastAnalyzedTime"),
                    root.has("Retention") ? (int) number(root, "Retention") : null,
                    sd == null ? null : storage(sd), columns(root, "PartitionKeys"),
                    optionalText(root, "ViewOriginalText"), optionalText(root, "ViewExpandedText"),
                    optionalText(root, "TableType"), map(root, "Parameters"));
            return new Table(catalog(root), text(root, "DatabaseName"), in, number(root, "CreateTime"),
                    number(root, "UpdateTime"), text(root, "VersionId"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw damaged(key, e.getMessage());
        }
    }

    private ObjectNode root(CatalogRef catalog) {
        ObjectNode root = json.createObjectNode();
        root.put(VERSION_MEMBER, VERSION).put("CatalogId", catalog.catalogId()).put("Region", catalog.region());
        return root;
    }

    private JsonNode open(String key, byte[] data) {
        JsonNode root;
        try {
            root = json.readTree(data);
        } catch (IOException e) {
            throw damaged(key, e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw damaged(key, "not a JSON object");
        }
        int version = root.path(VERSION_MEMBER).asInt(-1);
        if (version != VERSION) {
            throw new UnsupportedFormatVersionException("Glue catalogue metadata", key, version, VERSION);
        }
        return root;
    }

    private static CatalogRef catalog(JsonNode root) {
        return new CatalogRef(text(root, "CatalogId"), text(root, "Region"));
    }

    private void storage(ObjectNode node, StorageDescriptor sd) {
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

    private StorageDescriptor storage(JsonNode node) {
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

    private static void columns(ObjectNode node, String name, List<Column> columns) {
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

    private static List<Column> columns(JsonNode node, String name) {
        return list(node, name, c -> new Column(text(c, "Name"), optionalText(c, "Type"), optionalText(c, "Comment"),
                map(c, "Parameters")));
    }

    private static <T> List<T> list(JsonNode node, String name, Function<JsonNode, T> item) {
        JsonNode array = node.get(name);
        if (array == null) {
            return null;
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("member " + name + " is not a list");
        }
        List<T> items = new ArrayList<>(array.size());
        array.forEach(element -> items.add(item.apply(element)));
        return items;
    }

    private static List<String> strings(JsonNode node, String name) {
        return list(node, name, s -> {
            if (!s.isTextual()) {
                throw new IllegalArgumentException("member " + name + " holds a non-string");
            }
            return s.asText();
        });
    }

    private static void strings(ObjectNode node, String name, List<String> values) {
        if (values != null) {
            ArrayNode array = node.putArray(name);
            values.forEach(array::add);
        }
    }

    private static void map(ObjectNode node, String name, Map<String, String> values) {
        if (values != null) {
            ObjectNode object = node.putObject(name);
            new TreeMap<>(values).forEach(object::put);
        }
    }

    private static Map<String, String> map(JsonNode node, String name) {
        JsonNode object = node.get(name);
        if (object == null) {
            return null;
        }
        if (!object.isObject()) {
            throw new IllegalArgumentException("member " + name + " is not a map");
        }
        Map<String, String> values = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            values.put(field.getKey(), field.getValue().asText());
        }
        return values;
    }

    private static void optional(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void optional(ObjectNode node, String name, Long value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("member " + name + " is missing or not a string");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String name) {
        return node.has(name) ? text(node, name) : null;
    }

    private static long number(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException("member " + name + " is missing or not an integer");
        }
        return value.asLong();
    }

    private static Long optionalNumber(JsonNode node, String name) {
        return node.has(name) ? number(node, name) : null;
    }

    private byte[] bytes(ObjectNode root) {
        try {
            return json.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IllegalStateException damaged(String key, String why) {
        return new IllegalStateException("Glue catalogue metadata " + key + " is damaged: " + why);
    }
}
