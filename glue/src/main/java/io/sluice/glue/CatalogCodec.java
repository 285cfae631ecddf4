package io.sluice.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.common.UnsupportedFormatVersionException;

import java.io.IOException;
import java.io.UncheckedIOException;

import static io.sluice.glue.JsonMembers.map;
import static io.sluice.glue.JsonMembers.number;
import static io.sluice.glue.JsonMembers.optional;
import static io.sluice.glue.JsonMembers.optionalNumber;
import static io.sluice.glue.JsonMembers.optionalText;
import static io.sluice.glue.JsonMembers.text;

/**
 * The stored form of databases and table versions: a JSON object written member by member (never by reflection, so
 * renaming a record component cannot change it) with {@code "formatVersion"}, the catalogue ({@code CatalogId},
 * {@code Region}) and the members under Glue's own names ({@code Name}, {@code StorageDescriptor.Columns}, ...);
 * ({@link StorageCodec}, {@link JsonMembers}); times in epoch milliseconds; optional members absent when not given (a database's {@code Tags} too, so entries
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
            StorageCodec.encode(root.putObject("StorageDescriptor"), in.storageDescriptor());
        }
        StorageCodec.columns(root, "PartitionKeys", in.partitionKeys());
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
                    sd == null ? null : StorageCodec.decode(sd), StorageCodec.columns(root, "PartitionKeys"),
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
