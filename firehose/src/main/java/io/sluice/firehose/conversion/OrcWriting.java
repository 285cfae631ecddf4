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

/**
 * Writes an ORC file with orc-core as the OrcSerDe says (stripe and block sizes, row index stride, padding,
 * codec, bloom filters, dictionary threshold, format version), timestamps in UTC. orc-core writes through a
 * Hadoop file system, here the local one without checksum files: a temporary file, read back and deleted when the
 * file is finished or dropped. Thread-safe (each file is its own).
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
    public File open(TypeDescription table, long inputBytes) throws IOException {
        java.nio.file.Path temp = Files.createTempFile("sluice-orc-", ".orc");
        OrcFile.WriterOptions options = OrcFile.writerOptions(conf).fileSystem(fs).overwrite(true)
                .setSchema(table).useUTCTimestamp(true)
                .stripeSize(serde.stripeSizeBytes()).blockSize(serde.blockSizeBytes())
                .rowIndexStride(serde.rowIndexStride()).blockPadding(serde.enablePadding())
                .paddingTolerance(serde.paddingTolerance())
                .compress(CompressionKind.valueOf(serde.compression()))
                .bloomFilterColumns(String.join(",", serde.bloomFilterColumns()))
                .bloomFilterFpp(serde.bloomFilterFalsePositiveProbability())
                .version(serde.formatVersion().equals("V0_11") ? OrcFile.Version.V_0_11 : OrcFile.Version.V_0_12);
        Writer writer;
        try {
            writer = OrcFile.createWriter(new Path(temp.toUri()), options);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return new OrcFileBeingWritten(table, writer, temp);
    }

    /** Rows gathered in a row batch that goes to the writer each time it is full. */
    private static final class OrcFileBeingWritten implements File {

        private final TypeDescription table;
        private final Writer writer;
        private final java.nio.file.Path temp;
        private final VectorizedRowBatch batch;
        private boolean closed;

        OrcFileBeingWritten(TypeDescription table, Writer writer, java.nio.file.Path temp) {
            this.table = table;
            this.writer = writer;
            this.temp = temp;
            this.batch = table.createRowBatch(BATCH_ROWS);
        }

        @Override
        public void write(Object[] row) throws IOException {
            int r = batch.size++;
            for (int c = 0; c < row.length; c++) {
                OrcVectors.set(batch.cols[c], r, table.getChildren().get(c), row[c]);
            }
            if (batch.size == batch.getMaxSize()) {
                writer.addRowBatch(batch);
                batch.reset();
            }
        }

        @Override
        public byte[] finish() throws IOException {
            try {
                if (batch.size > 0) {
                    writer.addRowBatch(batch);
                    batch.reset();
                }
                closeWriter();
                return Files.readAllBytes(temp);
            } finally {
                close();
            }
        }

        @Override
        public void close() throws IOException {
            try {
                closeWriter();
            } finally {
                Files.deleteIfExists(temp);
            }
        }

        private void closeWriter() throws IOException {
            if (!closed) {
                closed = true;
                writer.close();
            }
        }
    }
}
