package io.sluice.firehose.delivery;

import io.sluice.firehose.config.Compression;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedInputStream;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class CompressorTest {

    private static final byte[] BODY = "hello firehose\n".repeat(1000).getBytes(StandardCharsets.UTF_8);

    @Test
    void gzipIsOneGzipMember() throws IOException {
        byte[] out = Compressor.compress(Compression.GZIP, BODY, "x");
        assertThat(new GZIPInputStream(new ByteArrayInputStream(out)).readAllBytes()).isEqualTo(BODY);
    }

    @Test
    void zipIsAnArchiveWithOneEntryNamedAfterTheObject() throws IOException {
        byte[] out = Compressor.compress(Compression.ZIP, BODY, "orders-1-2023");
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out))) {
            ZipEntry entry = zip.getNextEntry();
            assertThat(entry.getName()).isEqualTo("orders-1-2023");
            assertThat(zip.readAllBytes()).isEqualTo(BODY);
            assertThat(zip.getNextEntry()).isNull();
        }
    }

    @Test
    void snappyIsTheFramingFormat() throws IOException {
        byte[] out = Compressor.compress(Compression.SNAPPY, BODY, "x");
        assertThat(out).startsWith(0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y');
        assertThat(new SnappyFramedInputStream(new ByteArrayInputStream(out)).readAllBytes()).isEqualTo(BODY);
    }

    @Test
    void hadoopSnappyIsHadoopsBlockFormat() throws IOException {
        byte[] out = Compressor.compress(Compression.HADOOP_SNAPPY, BODY, "x");
        // blocks of: 4-byte uncompressed length, then chunks of 4-byte compressed length and raw snappy bytes
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(out));
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        while (in.available() > 0) {
            int blockLength = in.readInt();
            int read = 0;
            while (read < blockLength) {
                byte[] chunk = new byte[in.readInt()];
                in.readFully(chunk);
                byte[] raw = Snappy.uncompress(chunk);
                decoded.writeBytes(raw);
                read += raw.length;
            }
        }
        assertThat(decoded.toByteArray()).isEqualTo(BODY);
    }

    @Test
    void uncompressedIsTheBodyItself() {
        assertThat(Compressor.compress(Compression.UNCOMPRESSED, BODY, "x")).isSameAs(BODY);
    }
}
