package io.sluice.firehose.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * The Serializer of an OutputFormatConfiguration: the columnar file format converted records are written in, with
 * AWS's defaults for the members not given (applied by the server when it reads the configuration).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ColumnarSerializer.Parquet.class, name = "ParquetSerDe"),
        @JsonSubTypes.Type(value = ColumnarSerializer.Orc.class, name = "OrcSerDe")
})
public sealed interface ColumnarSerializer {

    /** The file name extension AWS gives converted objects when no FileExtension is set. */
    String extension();

    /**
     * The Parquet SerDe.
     *
     * @param compression   UNCOMPRESSED, GZIP or SNAPPY
     * @param writerVersion V1 or V2
     */
    record Parquet(int blockSizeBytes, int pageSizeBytes, String compression, boolean enableDictionaryCompression,
                   int maxPaddingBytes, String writerVersion) implements ColumnarSerializer {

        public static final Parquet DEFAULT = new Parquet(256 << 20, 1 << 20, "SNAPPY", false, 0, "V1");

        @Override
        public String extension() {
            return ".parquet";
        }
    }

    /**
     * The ORC SerDe.
     *
     * @param compression            NONE, ZLIB or SNAPPY
     * @param formatVersion          V0_11 or V0_12
     * @param dictionaryKeyThreshold AWS documents no default; ORC's and Hive's own (0.8) is used
     */
    record Orc(int stripeSizeBytes, int blockSizeBytes, int rowIndexStride, boolean enablePadding,
               double paddingTolerance, String compression, List<String> bloomFilterColumns,
               double bloomFilterFalsePositiveProbability, double dictionaryKeyThreshold, String formatVersion)
            implements ColumnarSerializer {

        public static final Orc DEFAULT = new Orc(64 << 20, 256 << 20, 10_000, false, 0.05, "SNAPPY", List.of(),
                0.05, 0.8, "V0_12");

        public Orc {
            bloomFilterColumns = bloomFilterColumns == null ? List.of() : List.copyOf(bloomFilterColumns);
        }

        @Override
        public String extension() {
            return ".orc";
        }
    }
}
