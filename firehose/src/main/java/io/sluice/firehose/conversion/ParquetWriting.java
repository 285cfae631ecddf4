package io.sluice.firehose.conversion;

import io.sluice.firehose.config.ColumnarSerializer;
import org.apache.hadoop.conf.Configuration;
import org.apache.orc.TypeDescription;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

import java.io.IOException;
import java.util.List;

/**
 * Writes a Parquet file with parquet-java as the ParquetSerDe says: row group (block) and page sizes, codec,
 * dictionary encoding, padding and writer version (V1 is Parquet 1.0's pages, V2 2.0's). Stateless.
 */
final class ParquetWriting implements ColumnarWriter {

    private final ColumnarSerializer.Parquet serde;

    ParquetWriting(ColumnarSerializer.Parquet serde) {
        this.serde = serde;
    }

    @Override
    public byte[] write(TypeDescription table, List<Object[]> rows, long inputBytes) throws IOException {
        MemoryOutputFile file = new MemoryOutputFile((int) Math.min(inputBytes / 2 + 4096, 64 << 20));
        try (ParquetWriter<Object[]> writer = new Builder(file, new RowWriteSupport(table))
                .withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.valueOf(serde.compression()))
                .withRowGroupSize((long) serde.blockSizeBytes())
                .withPageSize(serde.pageSizeBytes())
                .withDictionaryEncoding(serde.enableDictionaryCompression())
                .withMaxPaddingSize(serde.maxPaddingBytes())
                .withWriterVersion(serde.writerVersion().equals("V2") ? ParquetProperties.WriterVersion.PARQUET_2_0
                        : ParquetProperties.WriterVersion.PARQUET_1_0)
                .build()) {
            for (Object[] row : rows) {
                writer.write(row);
            }
        }
        return file.toByteArray();
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {

        private final RowWriteSupport support;

        Builder(OutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }
}
