package io.sluice.cli.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.analytics.app.InputConfig;
import io.sluice.analytics.app.ReferenceConfig;
import io.sluice.analytics.app.SourceKind;
import io.sluice.analytics.format.RecordColumn;
import io.sluice.analytics.format.RecordFormat;
import io.sluice.analytics.format.RecordFormatType;
import io.sluice.analytics.format.RecordParser;
import io.sluice.analytics.format.SourceSchema;
import io.sluice.analytics.type.SqlType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the schema files of {@code sluice analytics run}: KDA's JSON shapes as the API takes them and as
 * {@code aws kinesisanalytics describe-application} prints them, so a team reuses what it already has.
 * <ul>
 *   <li>Input: an {@code InputSchema} (RecordFormat, RecordEncoding, RecordColumns); an {@code Input} or
 *   {@code InputDescription} holding one (NamePrefix, InputParallelism.Count; defaults SOURCE_SQL_STREAM and 1);
 *   or a DescribeApplication answer or its {@code ApplicationDetail}, whose first InputDescription is used.</li>
 *   <li>Reference: a {@code ReferenceDataSource} or {@code ReferenceDataSourceDescription} (TableName,
 *   ReferenceSchema), or a DescribeApplication answer whose first ReferenceDataSourceDescription is used.</li>
 * </ul>
 * A source given as KinesisFirehoseInput(Description) reads like a delivery stream (no SHARD_ID column); anything
 * else like a Kinesis stream. Schemas are checked with KDA's rules ({@link RecordParser#validate}).
 *
 * <p><b>Threading</b>: stateless and thread-safe.
 */
final class SchemaFiles {

    static final String DEFAULT_PREFIX = "SOURCE_SQL_STREAM";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SchemaFiles() {
    }

    static InputConfig input(Path file) throws AnalyticsRunException {
        JsonNode root = detail(read(file));
        JsonNode input = root.has("InputDescriptions") ? first(file, root, "InputDescriptions") : root;
        boolean wrapped = input.has("InputSchema");
        JsonNode schema = wrapped ? input.get("InputSchema") : input;
        String prefix = wrapped && input.hasNonNull("NamePrefix") ? input.get("NamePrefix").asText() : DEFAULT_PREFIX;
        int parallelism = wrapped ? input.path("InputParallelism").path("Count").asInt(1) : 1;
        if (parallelism < 1 || parallelism > 64) {
            throw new AnalyticsRunException(file + ": InputParallelism.Count must be 1 to 64, not " + parallelism);
        }
        SourceKind kind = input.has("KinesisFirehoseInput") || input.has("KinesisFirehoseInputDescription")
                ? SourceKind.FIREHOSE : SourceKind.KINESIS_STREAM;
        return new InputConfig("1.1", prefix, parallelism, kind, null, null, null, null, schema(file, schema),
                null);
    }

    static ReferenceConfig reference(Path file) throws AnalyticsRunException {
        JsonNode root = detail(read(file));
        JsonNode source = root.has("ReferenceDataSourceDescriptions")
                ? first(file, root, "ReferenceDataSourceDescriptions") : root;
        String table = text(source, "TableName");
        if (table == null || !source.has("ReferenceSchema")) {
            throw new AnalyticsRunException(file + ": a reference data source needs TableName and ReferenceSchema");
        }
        return new ReferenceConfig("1.1", table, null, null, null, schema(file, source.get("ReferenceSchema")));
    }

    private static SourceSchema schema(Path file, JsonNode schema) throws AnalyticsRunException {
        JsonNode format = schema.path("RecordFormat");
        String type = text(format, "RecordFormatType");
        JsonNode columnsIn = schema.path("RecordColumns");
        if (type == null || !columnsIn.isArray()) {
            throw new AnalyticsRunException(file + ": a schema needs RecordFormat.RecordFormatType and"
                    + " RecordColumns (give InputSchema, Input, ReferenceDataSource or DescribeApplication's JSON)");
        }
        JsonNode mapping = format.path("MappingParameters");
        RecordFormat recordFormat = switch (type) {
            case "JSON" -> RecordFormat.json(orDefault(mapping.path("JSONMappingParameters"), "RecordRowPath", "$"));
            case "CSV" -> RecordFormat.csv(
                    orDefault(mapping.path("CSVMappingParameters"), "RecordColumnDelimiter", ","),
                    orDefault(mapping.path("CSVMappingParameters"), "RecordRowDelimiter", "\n"));
            default -> throw new AnalyticsRunException(file + ": RecordFormatType must be JSON or CSV, not " + type);
        };
        List<RecordColumn> columns = new ArrayList<>();
        for (JsonNode column : columnsIn) {
            String name = text(column, "Name");
            String sqlType = text(column, "SqlType");
            if (name == null || sqlType == null) {
                throw new AnalyticsRunException(file + ": every record column needs Name and SqlType");
            }
            try {
                columns.add(new RecordColumn(name, SqlType.parse(sqlType), text(column, "Mapping")));
            } catch (IllegalArgumentException e) {
                throw new AnalyticsRunException(file + ": column " + name + ": " + e.getMessage());
            }
        }
        SourceSchema result = new SourceSchema(recordFormat, orDefault(schema, "RecordEncoding", "UTF-8"), columns);
        try {
            RecordParser.validate(result);
        } catch (IllegalArgumentException e) {
            throw new AnalyticsRunException(file + ": " + e.getMessage());
        }
        return result;
    }

    private static JsonNode read(Path file) throws AnalyticsRunException {
        try {
            JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
            if (root == null || !root.isObject()) {
                throw new AnalyticsRunException(file + ": expected a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new AnalyticsRunException(file + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new AnalyticsRunException(file + ": cannot be read: " + e.getMessage());
        }
    }

    /** DescribeApplication's answer holds the application in ApplicationDetail. */
    private static JsonNode detail(JsonNode root) {
        return root.has("ApplicationDetail") ? root.get("ApplicationDetail") : root;
    }

    private static JsonNode first(Path file, JsonNode root, String list) throws AnalyticsRunException {
        JsonNode items = root.get(list);
        if (!items.isArray() || items.isEmpty()) {
            throw new AnalyticsRunException(file + ": " + list + " is empty");
        }
        return items.get(0);
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String orDefault(JsonNode node, String member, String fallback) {
        String value = text(node, member);
        return value == null ? fallback : value;
    }
}
