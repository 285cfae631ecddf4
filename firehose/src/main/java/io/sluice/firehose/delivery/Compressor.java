package io.sluice.firehose.delivery;

import io.sluice.firehose.config.Compression;
import org.xerial.snappy.SnappyFramedOutputStream;
import org.xerial.snappy.SnappyHadoopCompatibleOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Compresses an object's body as its CompressionFormat says: GZIP (one gzip member), ZIP (an archive with one
 * entry, named as the object without its extension), Snappy (the Snappy framing format, which is what the
 * {@code snappy} command line and Python's {@code snappy.stream_decompress} read) and HADOOP_SNAPPY (Hadoop's
 * block format, which Hadoop's SnappyCodec and Spark read). Stateless.
 */
public final class Compressor {

    private Compressor() {
    }

    public static byte[] compress(Compression compression, byte[] body, String entryName) {
        if (compression == Compression.UNCOMPRESSED) {
            return body;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, body.length / 2));
        try {
            switch (compression) {
                case GZIP -> write(new GZIPOutputStream(bytes), body);
                case ZIP -> {
                    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                        zip.putNextEntry(new ZipEntry(entryName));
                        zip.write(body);
                        zip.closeEntry();
                    }
                }
                case SNAPPY -> write(new SnappyFramedOutputStream(bytes), body);
                case HADOOP_SNAPPY -> write(new SnappyHadoopCompatibleOutputStream(bytes), body);
                default -> throw new IllegalStateException("no compressor for " + compression);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("compressing in memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static void write(OutputStream out, byte[] body) throws IOException {
        try (out) {
            out.write(body);
        }
    }
}
