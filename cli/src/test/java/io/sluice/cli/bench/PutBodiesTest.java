package io.sluice.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.Deflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PutBodiesTest {

    @Test
    void singleRecordCallsGoOutWithManyDifferentPartitionKeys() throws IOException {
        PutBodies bodies = new PutBodies(BodyFormat.JSON, Payload.BINARY, "s", true, Set.of(1), 100, true,
                new Random(1));
        Set<String> keys = new HashSet<>();

        for (int i = 0; i < 2000; i++) {
            keys.add(partitionKey(bodies.next(1)));
        }

        assertThat(keys).hasSizeGreaterThanOrEqualTo(1000);
    }

    @Test
    void servesEachShapeItWasBuiltFor() {
        PutBodies bodies = new PutBodies(BodyFormat.CBOR, Payload.BINARY, "s", false, Set.of(500, 7), 100, true,
                new Random(1));

        assertThat(bodies.next(500).records()).isEqualTo(500);
        assertThat(bodies.next(7).records()).isEqualTo(7);
        assertThatThrownBy(() -> bodies.next(8)).hasMessageContaining("no template of 8 records");
    }

    @Test
    void uniqueDataGivesEveryRecordIncompressibleBytesOfItsOwnAndRepeatedDataTheSameBytes() throws IOException {
        PutBodies unique = new PutBodies(BodyFormat.JSON, Payload.BINARY, "s", false, Set.of(500), 100, true,
                new Random(1));
        PutBodies repeated = new PutBodies(BodyFormat.JSON, Payload.BINARY, "s", false, Set.of(500), 100, false,
                new Random(1));

        List<byte[]> uniqueData = recordData(unique.next(500));
        List<byte[]> repeatedData = recordData(repeated.next(500));

        // what follows each 24-byte header: distinct in every record, or one and the same
        assertThat(uniqueData.stream().map(d -> HexFormat.of().formatHex(d, 24, d.length)).distinct()).hasSize(500);
        assertThat(repeatedData.stream().map(d -> HexFormat.of().formatHex(d, 24, d.length)).distinct()).hasSize(1);
        assertThat(deflatedShare(uniqueData)).isGreaterThan(0.95);
        assertThat(deflatedShare(repeatedData)).isLessThan(0.4);
    }

    @Test
    void uniqueDataSpansFarMoreThanACompressorsWindowBeforeATemplateComesBack() throws IOException {
        PutBodies bodies = new PutBodies(BodyFormat.JSON, Payload.BINARY, "s", false, Set.of(500), 100, true,
                new Random(1));
        Set<String> seen = new HashSet<>();
        long distinctBytes = 0;

        for (int call = 0; call < 400; call++) {
            for (byte[] data : recordData(bodies.next(500))) {
                if (seen.add(HexFormat.of().formatHex(data, 24, data.length))) {
                    distinctBytes += data.length;
                }
            }
        }

        assertThat(distinctBytes).isGreaterThanOrEqualTo(PutBodies.MIN_UNIQUE_BYTES_PER_SHAPE);
    }

    private static List<byte[]> recordData(PutBodyTemplate template) throws IOException {
        ByteBuf body = Unpooled.buffer();
        template.writeTo(body, 0, 0, 0);
        List<byte[]> data = new ArrayList<>();
        for (JsonNode record : new ObjectMapper().readTree(ByteBufUtil.getBytes(body)).path("Records")) {
            data.add(record.path("Data").binaryValue());
        }
        return data;
    }

    /** Deflated size over raw size of the records' data after their headers, compressed as one stream. */
    private static double deflatedShare(List<byte[]> records) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        records.forEach(d -> raw.write(d, 24, d.length - 24));
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(raw.toByteArray());
        deflater.finish();
        byte[] buffer = new byte[raw.size() * 2 + 64];
        int size = deflater.deflate(buffer);
        deflater.end();
        return (double) size / raw.size();
    }

    private static String partitionKey(PutBodyTemplate template) throws IOException {
        ByteBuf body = Unpooled.buffer();
        template.writeTo(body, 0, 0, 0);
        JsonNode tree = new ObjectMapper().readTree(ByteBufUtil.getBytes(body));
        return tree.path("PartitionKey").asText();
    }
}
