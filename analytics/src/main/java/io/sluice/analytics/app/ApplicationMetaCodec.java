package io.sluice.analytics.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.analytics.format.RecordColumn;
import io.sluice.analytics.format.RecordFormat;
import io.sluice.analytics.format.RecordFormatType;
import io.sluice.analytics.format.SourceSchema;
import io.sluice.analytics.type.SqlType;
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
 * The stored form of an {@link Application}: a JSON object written member by member (not by reflection, so that
 * renaming a record component cannot change the format), with {@code "formatVersion"}. SQL types are stored as
 * KDA spells them ({@code VARCHAR(8)}) and read back with {@link SqlType#parse}; enums by name; absent optional
 * values as absent members.
 *
 * <p>Versions: 1 is the only one (golden file {@code golden/application-meta-v1.json} in the tests). Unknown
 * members are ignored within a known version, so that optional settings can be added without a new version; a
 * member whose absence would be misread needs a new version, and a version this code does not know is refused
 * with {@link UnsupportedFormatVersionException} naming the metadata key. An entry that is not such JSON is
 * refused with an {@link IllegalStateException} naming the key ("damaged").
 *
 * <p>Thread-safe (Jackson's mapper is; the codec keeps no other state).
 */
public final class ApplicationMetaCodec {

    public static final int VERSION = 1;
    private static final String VERSION_MEMBER = "formatVersion";

    private final ObjectMapper json = new ObjectMapper();

    public byte[] encode(Application app) {
        ObjectNode root = json.createObjectNode();
        root.put(VERSION_MEMBER, VERSION);
        root.put("account", app.key().account()).put("region", app.key().region()).put("name", app.key().name());
        ApplicationDefinition d = app.definition();
        putIfPresent(root, "description", d.description());
        root.put("code", d.code());
        root.put("status", app.status().name()).put("versionId", app.versionId())
                .put("createdAt", app.createdAt()).put("lastUpdatedAt", app.lastUpdatedAt());
        ArrayNode inputs = root.putArray("inputs");
        for (InputConfig in : d.inputs()) {
            ObjectNode node = inputs.addObject().put("id", in.id()).put("namePrefix", in.namePrefix())
                    .put("parallelism", in.parallelism()).put("kind", in.kind().name())
                    .put("resourceArn", in.resourceArn()).put("roleArn", in.roleArn());
            putIfPresent(node, "processorArn", in.processorArn());
            putIfPresent(node, "processorRoleArn", in.processorRoleArn());
            node.set("schema", schema(in.schema()));
            putIfPresent(node, "startingPosition", in.startingPosition() == null ? null
                    : in.startingPosition().name());
        }
        ArrayNode outputs = root.putArray("outputs");
        for (OutputConfig out : d.outputs()) {
            outputs.addObject().put("id", out.id()).put("name", out.name()).put("kind", out.kind().name())
                    .put("resourceArn", out.resourceArn()).put("roleArn", out.roleArn())
                    .put("format", out.format().name());
        }
        ArrayNode references = root.putArray("references");
        for (ReferenceConfig ref : d.references()) {
            references.addObject().put("id", ref.id()).put("tableName", ref.tableName())
                    .put("bucketArn", ref.bucketArn()).put("fileKey", ref.fileKey()).put("roleArn", ref.roleArn())
                    .set("schema", schema(ref.schema()));
        }
        ArrayNode logging = root.putArray("loggingOptions");
        for (LoggingOption option : d.loggingOptions()) {
            logging.addObject().put("id", option.id()).put("logStreamArn", option.logStreamArn())
                    .put("roleArn", option.roleArn());
        }
        ObjectNode tags = root.putObject("tags");
        app.tags().forEach(tags::put);
        try {
            return json.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes an entry read from {@code storeKey}, which error messages name. */
    public Application decode(String storeKey, byte[] data) {
        JsonNode root;
        try {
            root = json.readTree(data);
        } catch (IOException e) {
            throw damaged(storeKey, e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw damaged(storeKey, "not a JSON object");
        }
        int version = root.path(VERSION_MEMBER).asInt(-1);
        if (version != VERSION) {
            throw new UnsupportedFormatVersionException("analytics application metadata", storeKey, version,
                    VERSION);
        }
        try {
            ApplicationKey key = new ApplicationKey(text(root, "account"), text(root, "region"), text(root, "name"));
            ApplicationDefinition definition = new ApplicationDefinition(optional(root, "description"),
                    text(root, "code"), list(root, "inputs", this::input), list(root, "outputs", this::output),
                    list(root, "references", this::reference), list(root, "loggingOptions", this::loggingOption));
            Map<String, String> tags = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = required(root, "tags").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> tag = fields.next();
                tags.put(tag.getKey(), tag.getValue().asText());
            }
            return new Application(key, definition, tags, number(root, "createdAt"), number(root, "lastUpdatedAt"),
                    number(root, "versionId"), ApplicationStatus.valueOf(text(root, "status")));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw damaged(storeKey, e.getMessage());
        }
    }

    private InputConfig input(JsonNode node) {
        String position = optional(node, "startingPosition");
        return new InputConfig(text(node, "id"), text(node, "namePrefix"), (int) number(node, "parallelism"),
                SourceKind.valueOf(text(node, "kind")), text(node, "resourceArn"), text(node, "roleArn"),
                optional(node, "processorArn"), optional(node, "processorRoleArn"), schema(required(node, "schema")),
                position == null ? null : StartingPosition.valueOf(position));
    }

    private OutputConfig output(JsonNode node) {
        return new OutputConfig(text(node, "id"), text(node, "name"), DestinationKind.valueOf(text(node, "kind")),
                text(node, "resourceArn"), text(node, "roleArn"), RecordFormatType.valueOf(text(node, "format")));
    }

    private ReferenceConfig reference(JsonNode node) {
        return new ReferenceConfig(text(node, "id"), text(node, "tableName"), text(node, "bucketArn"),
                text(node, "fileKey"), text(node, "roleArn"), schema(required(node, "schema")));
    }

    private LoggingOption loggingOption(JsonNode node) {
        return new LoggingOption(text(node, "id"), text(node, "logStreamArn"), text(node, "roleArn"));
    }

    private ObjectNode schema(SourceSchema schema) {
        ObjectNode node = json.createObjectNode();
        RecordFormat format = schema.format();
        ObjectNode f = node.putObject("format").put("type", format.type().name());
        putIfPresent(f, "jsonRowPath", format.jsonRowPath());
        putIfPresent(f, "csvColumnDelimiter", format.csvColumnDelimiter());
        putIfPresent(f, "csvRowDelimiter", format.csvRowDelimiter());
        putIfPresent(node, "encoding", schema.encoding());
        ArrayNode columns = node.putArray("columns");
        for (RecordColumn column : schema.columns()) {
            ObjectNode c = columns.addObject().put("name", column.name()).put("sqlType", column.type().toString());
            putIfPresent(c, "mapping", column.mapping());
        }
        return node;
    }

    private SourceSchema schema(JsonNode node) {
        JsonNode f = required(node, "format");
        RecordFormat format = new RecordFormat(RecordFormatType.valueOf(text(f, "type")), optional(f, "jsonRowPath"),
                optional(f, "csvColumnDelimiter"), optional(f, "csvRowDelimiter"));
        return new SourceSchema(format, optional(node, "encoding"), list(node, "columns",
                c -> new RecordColumn(text(c, "name"), SqlType.parse(text(c, "sqlType")), optional(c, "mapping"))));
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static <T> List<T> list(JsonNode node, String name, Function<JsonNode, T> item) {
        List<T> items = new ArrayList<>();
        for (JsonNode element : required(node, name)) {
            items.add(item.apply(element));
        }
        return items;
    }

    private static JsonNode required(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("member " + name + " is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = required(node, name);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("member " + name + " is not a string");
        }
        return value.asText();
    }

    private static String optional(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : text(node, name);
    }

    private static long number(JsonNode node, String name) {
        JsonNode value = required(node, name);
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("member " + name + " is not an integer");
        }
        return value.asLong();
    }

    private static IllegalStateException damaged(String storeKey, String why) {
        return new IllegalStateException("analytics application metadata " + storeKey + " is damaged: " + why);
    }
}
