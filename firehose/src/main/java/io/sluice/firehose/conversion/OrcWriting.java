package io.sluice.firehose.conversion;

import io.sluice.firehose.config.ColumnarSerializer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.orc.CompressionKind;
import org.apache.orc.OrcConf;
import org.apache.orc.OrcFile;
import org.apache.orc.TypeDescription;
import org.apache.orc.Writer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;

/**
 * Writes an ORC file with orc-core as the OrcSerDe says (stripe and block sizes, row index stride, padding,
 * codec, bloom filters, dictionary threshold, format version), timestamps in UTC. orc-core writes through a
 * Hadoop file system, here the local one without checksum files: a temporary file, read back and deleted.
 * Stateless.
 */
final class OrcWriting implements ColumnarWriter {

    private static final int BATCH_ROWS = 1024;

    private final ColumnarSerializer.Orc serde;
    private final Configuration conf;
    private final FileSystem fs;

    OrcWriting(ColumnarSerializer.Orc serde) {
        this.serde = serde;
        this.conf = new Configuration(false);
        OrcConf.DICTIONARY_KEY_SIZE_THRESHOLD.setDouble(conf, serde.dictionaryKeyThreshold());
        this.fs = localFileSystem(conf);
    }

    /**
     * The local file system without checksum files, made directly: {@code FileSystem.get} would ask Hadoop's
     * user information, which relies on {@code Subject.getSubject}, gone from recent JDKs.
     */
    static FileSystem localFileSystem(Configuration conf) {
        RawLocalFileSystem fs = new RawLocalFileSystem();
        try {
            fs.initialize(URI.create("file:///"), conf);
        } catch (IOException e) {
            throw new UncheckedIOException("the local file system always opens", e);
        }
        return fs;
    }

    @Override
    public byte[] write(TypeDescription table, List<Object[]> rows, long inputBytes) throws IOException {
        java.nio.file.Path temp = Files.createTempFile("sluice-orc-", ".orc");
        try {
            OrcFile.WriterOptions options = OrcFile.writerOptions(conf).fileSystem(fs).overwrite(true)
                    .setSchema(table).useUTCTimestamp(true)
                    .stripeSize(serde.stripeSizeBytes()).blockSize(serde.blockSizeBytes())
                    .rowIndexStride(serde.rowIndexStride()).blockPadding(serde.enablePadding())
                    .paddingTolerance(serde.paddingTolerance())
                    .compress(CompressionKind.valueOf(serde.compression()))
                    .bloomFilterColumns(String.join(",", serde.bloomFilterColumns()))
                    .bloomFilterFpp(serde.bloomFilterFalsePositiveProbability())
                    .version(serde.formatVersion().equals("V0_11") ? OrcFile.Version.V_0_11
                            : OrcFile.Version.V_0_12);
            try (Writer writer = OrcFile.createWriter(new Path(temp.toUri()), options)) {
                VectorizedRowBatch batch = table.createRowBatch(BATCH_ROWS);
                for (Object[] row : rows) {
                    int r = batch.size++;
                    for (int c = 0; c < row.length; c++) {
                        OrcVectors.set(batch.cols[c], r, table.getChildren().get(c), row[c]);
                    }
                    if (batch.size == batch.getMaxSize()) {
                        writer.addRowBatch(batch);
                        batch.reset();
                    }
                }
                if (batch.size > 0) {
                    writer.addRowBatch(batch);
                }
            }
            return Files.readAllBytes(temp);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
