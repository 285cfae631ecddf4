package io.sluice.server.firehose;

import io.sluice.firehose.config.ColumnarSerializer;
import io.sluice.firehose.config.ConversionSchema;
import io.sluice.firehose.config.DataFormatConversion;
import io.sluice.firehose.config.JsonDeserializer;
import io.sluice.protocol.ResponseWriter;

import java.util.Map;

/** Writes a DataFormatConversionConfiguration as DescribeDeliveryStream shows it. Stateless. */
final class ConversionDescription {

    private ConversionDescription() {
    }

    static void write(ResponseWriter out, DataFormatConversion conversion) {
        out.startObject("DataFormatConversionConfiguration");
        ConversionSchema schema = conversion.schema();
        if (schema != null) {
            out.startObject("SchemaConfiguration").string("RoleARN", schema.roleArn())
                    .string("CatalogId", schema.catalogId()).string("DatabaseName", schema.databaseName())
                    .string("TableName", schema.tableName()).string("Region", schema.region())
                    .string("VersionId", schema.versionId()).endObject();
        }
        if (conversion.deserializer() != null) {
            out.startObject("InputFormatConfiguration").startObject("Deserializer");
            switch (conversion.deserializer()) {
                case JsonDeserializer.OpenX openX -> {
                    out.startObject("OpenXJsonSerDe")
                            .bool("ConvertDotsInJsonKeysToUnderscores", openX.convertDotsInJsonKeysToUnderscores())
                            .bool("CaseInsensitive", openX.caseInsensitive());
                    if (!openX.columnToJsonKeyMappings().isEmpty()) {
                        out.startObject("ColumnToJsonKeyMappings");
                        for (Map.Entry<String, String> e : openX.columnToJsonKeyMappings().entrySet()) {
                            out.string(e.getKey(), e.getValue());
                        }
                        out.endObject();
                    }
                    out.endObject();
                }
                case JsonDeserializer.Hive hive -> {
                    out.startObject("HiveJsonSerDe").startArray("TimestampFormats");
                    hive.timestampFormats().forEach(out::string);
                    out.endArray().endObject();
                }
            }
            out.endObject().endObject();
        }
        if (conversion.serializer() != null) {
            out.startObject("OutputFormatConfiguration").startObject("Serializer");
            switch (conversion.serializer()) {
                case ColumnarSerializer.Parquet p -> out.startObject("ParquetSerDe")
                        .number("BlockSizeBytes", p.blockSizeBytes()).number("PageSizeBytes", p.pageSizeBytes())
                        .string("Compression", p.compression())
                        .bool("EnableDictionaryCompression", p.enableDictionaryCompression())
                        .number("MaxPaddingBytes", p.maxPaddingBytes()).string("WriterVersion", p.writerVersion())
                        .endObject();
                case ColumnarSerializer.Orc o -> {
                    out.startObject("OrcSerDe").number("StripeSizeBytes", o.stripeSizeBytes())
                            .number("BlockSizeBytes", o.blockSizeBytes()).number("RowIndexStride", o.rowIndexStride())
                            .bool("EnablePadding", o.enablePadding()).number("PaddingTolerance", o.paddingTolerance())
                            .string("Compression", o.compression()).startArray("BloomFilterColumns");
                    o.bloomFilterColumns().forEach(out::string);
                    out.endArray().number("BloomFilterFalsePositiveProbability",
                                    o.bloomFilterFalsePositiveProbability())
                            .number("DictionaryKeyThreshold", o.dictionaryKeyThreshold())
                            .string("FormatVersion", o.formatVersion()).endObject();
                }
            }
            out.endObject().endObject();
        }
        out.bool("Enabled", conversion.enabled()).endObject();
    }
}
