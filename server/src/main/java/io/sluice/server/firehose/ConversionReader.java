package io.sluice.server.firehose;

import io.sluice.common.ServiceException;
import io.sluice.firehose.config.ColumnarSerializer;
import io.sluice.firehose.config.ConversionSchema;
import io.sluice.firehose.config.DataFormatConversion;
import io.sluice.firehose.config.JsonDeserializer;
import io.sluice.firehose.conversion.TimestampReader;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a DataFormatConversionConfiguration, checking it against the model, with AWS's defaults for the SerDe
 * members not given. In an update, each of its parts given (schema, input format, output format, Enabled)
 * replaces the base's. Whether an enabled configuration is complete is checked by {@link DestinationRules}.
 * Stateless.
 */
final class ConversionReader {

    private static final Pattern NO_WHITESPACE = Pattern.compile("\\S+");
    private static final List<String> PARQUET_CODECS = List.of("UNCOMPRESSED", "GZIP", "SNAPPY");
    private static final List<String> PARQUET_VERSIONS = List.of("V1", "V2");
    private static final List<String> ORC_CODECS = List.of("NONE", "ZLIB", "SNAPPY");
    private static final List<String> ORC_VERSIONS = List.of("V0_11", "V0_12");

    DataFormatConversion read(WireObject in, String path, Validator v, DataFormatConversion base) {
        if (in == null) {
            return base;
        }
        Boolean enabled = in.bool("Enabled");
        WireObject schemaIn = in.object("SchemaConfiguration");
        WireObject inputIn = in.object("InputFormatConfiguration");
        WireObject outputIn = in.object("OutputFormatConfiguration");
        ConversionSchema schema = schemaIn == null ? (base == null ? null : base.schema())
                : schema(schemaIn, path + ".schemaConfiguration", v);
        JsonDeserializer deserializer = inputIn == null ? (base == null ? null : base.deserializer())
                : deserializer(inputIn.object("Deserializer"), path + ".inputFormatConfiguration.deserializer", v);
        ColumnarSerializer serializer = outputIn == null ? (base == null ? null : base.serializer())
                : serializer(outputIn.object("Serializer"), path + ".outputFormatConfiguration.serializer", v);
        // AWS enables a configuration given without Enabled
        boolean on = enabled != null ? enabled : base == null || base.enabled();
        return new DataFormatConversion(on, schema, deserializer, serializer);
    }

    private static ConversionSchema schema(WireObject in, String path, Validator v) {
        String[] values = new String[6];
        String[] members = {"RoleARN", "CatalogId", "DatabaseName", "TableName", "Region", "VersionId"};
        for (int i = 0; i < members.length; i++) {
            values[i] = in.string(members[i]);
            String p = path + "." + Character.toLowerCase(members[i].charAt(0)) + members[i].substring(1);
            v.length(p, values[i], 1, 1024).pattern(p, values[i], NO_WHITESPACE);
        }
        return new ConversionSchema(values[0], values[1], values[2], values[3], values[4], values[5]);
    }

    private static JsonDeserializer deserializer(WireObject in, String path, Validator v) {
        WireObject openX = in == null ? null : in.object("OpenXJsonSerDe");
        WireObject hive = in == null ? null : in.object("HiveJsonSerDe");
        if ((openX == null) == (hive == null)) {
            throw ServiceException.invalidArgument("The Deserializer must have exactly one of OpenXJsonSerDe and "
                    + "HiveJsonSerDe.");
        }
        if (openX != null) {
            Boolean dots = openX.bool("ConvertDotsInJsonKeysToUnderscores");
            Boolean caseInsensitive = openX.bool("CaseInsensitive");
            Map<String, String> mappings = openX.stringMap("ColumnToJsonKeyMappings");
            if (mappings != null) {
                mappings.forEach((column, key) -> {
                    v.length(path + ".openXJsonSerDe.columnToJsonKeyMappings.key", column, 1, 1024)
                            .pattern(path + ".openXJsonSerDe.columnToJsonKeyMappings.key", column, NO_WHITESPACE)
                            .length(path + ".openXJsonSerDe.columnToJsonKeyMappings.value", key, 1, 1024)
                            .pattern(path + ".openXJsonSerDe.columnToJsonKeyMappings.value", key, Patterns.NON_BLANK);
                });
            }
            return new JsonDeserializer.OpenX(dots != null && dots, caseInsensitive == null || caseInsensitive,
                    mappings);
        }
        List<String> formats = hive.strings("TimestampFormats");
        for (int i = 0; formats != null && i < formats.size(); i++) {
            String p = path + ".hiveJsonSerDe.timestampFormats." + (i + 1) + ".member";
            v.length(p, formats.get(i), 1, 1024).pattern(p, formats.get(i), Patterns.NON_BLANK);
            String problem = TimestampReader.problem(formats.get(i));
            if (problem != null) {
                throw ServiceException.invalidArgument("The timestamp format " + formats.get(i)
                        + " is not a valid Joda-Time pattern: " + problem);
            }
        }
        return new JsonDeserializer.Hive(formats);
    }

    private static ColumnarSerializer serializer(WireObject in, String path, Validator v) {
        WireObject parquet = in == null ? null : in.object("ParquetSerDe");
        WireObject orc = in == null ? null : in.object("OrcSerDe");
        if ((parquet == null) == (orc == null)) {
            throw ServiceException.invalidArgument("The Serializer must have exactly one of ParquetSerDe and "
                    + "OrcSerDe.");
        }
        if (parquet != null) {
            String p = path + ".parquetSerDe";
            ColumnarSerializer.Parquet d = ColumnarSerializer.Parquet.DEFAULT;
            Integer block = parquet.integer("BlockSizeBytes");
            Integer page = parquet.integer("PageSizeBytes");
            Integer padding = parquet.integer("MaxPaddingBytes");
            String codec = parquet.string("Compression");
            String version = parquet.string("WriterVersion");
            v.range(p + ".blockSizeBytes", block, 64L << 20, Integer.MAX_VALUE)
                    .range(p + ".pageSizeBytes", page, 64L << 10, Integer.MAX_VALUE)
                    .range(p + ".maxPaddingBytes", padding, 0, Integer.MAX_VALUE)
                    .oneOf(p + ".compression", codec, PARQUET_CODECS)
                    .oneOf(p + ".writerVersion", version, PARQUET_VERSIONS);
            Boolean dictionary = parquet.bool("EnableDictionaryCompression");
            return new ColumnarSerializer.Parquet(or(block, d.blockSizeBytes()), or(page, d.pageSizeBytes()),
                    codec == null ? d.compression() : codec,
                    dictionary == null ? d.enableDictionaryCompression() : dictionary,
                    or(padding, d.maxPaddingBytes()), version == null ? d.writerVersion() : version);
        }
        String p = path + ".orcSerDe";
        ColumnarSerializer.Orc d = ColumnarSerializer.Orc.DEFAULT;
        Integer stripe = orc.integer("StripeSizeBytes");
        Integer block = orc.integer("BlockSizeBytes");
        Integer stride = orc.integer("RowIndexStride");
        String codec = orc.string("Compression");
        String version = orc.string("FormatVersion");
        Boolean padding = orc.bool("EnablePadding");
        List<String> bloomColumns = orc.strings("BloomFilterColumns");
        v.range(p + ".stripeSizeBytes", stripe, 8L << 20, Integer.MAX_VALUE)
                .range(p + ".blockSizeBytes", block, 64L << 20, Integer.MAX_VALUE)
                .range(p + ".rowIndexStride", stride, 1000, Integer.MAX_VALUE)
                .oneOf(p + ".compression", codec, ORC_CODECS).oneOf(p + ".formatVersion", version, ORC_VERSIONS);
        for (int i = 0; bloomColumns != null && i < bloomColumns.size(); i++) {
            String bp = p + ".bloomFilterColumns." + (i + 1) + ".member";
            v.length(bp, bloomColumns.get(i), 1, 1024).pattern(bp, bloomColumns.get(i), NO_WHITESPACE);
        }
        return new ColumnarSerializer.Orc(or(stripe, d.stripeSizeBytes()), or(block, d.blockSizeBytes()),
                or(stride, d.rowIndexStride()), padding == null ? d.enablePadding() : padding,
                proportion(orc, "PaddingTolerance", p + ".paddingTolerance", d.paddingTolerance()),
                codec == null ? d.compression() : codec, bloomColumns,
                proportion(orc, "BloomFilterFalsePositiveProbability", p + ".bloomFilterFalsePositiveProbability",
                        d.bloomFilterFalsePositiveProbability()),
                proportion(orc, "DictionaryKeyThreshold", p + ".dictionaryKeyThreshold", d.dictionaryKeyThreshold()),
                version == null ? d.formatVersion() : version);
    }

    /** A Proportion member: 0 to 1 (the model's range; the validator's ranges are integral). */
    private static double proportion(WireObject in, String member, String path, double fallback) {
        Double value = in.real(member);
        if (value == null) {
            return fallback;
        }
        if (value < 0 || value > 1) {
            throw ServiceException.validation("1 validation error detected: Value '" + value + "' at '" + path
                    + "' failed to satisfy constraint: Member must have value less than or equal to 1 and greater "
                    + "than or equal to 0");
        }
        return value;
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
