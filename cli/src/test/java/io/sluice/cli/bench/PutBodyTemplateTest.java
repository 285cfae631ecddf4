package io.sluice.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PutBodyTemplateTest {

    @ParameterizedTest
    @EnumSource(BodyFormat.class)
    void eachRecordOfAPatchedBodyCarriesItsOwnHeaderAndTheRestOfTheDataUnchanged(BodyFormat format) throws IOException {
        byte[] data = randomData(100);
        PutBodyTemplate template = PutBodyTemplate.encode(format, Payload.BINARY, "orders", false,
                List.of("a", "b", "c"), data);
        ByteBuf body = Unpooled.buffer();
        body.writeBytes(new byte[]{9, 9});   // a body may be written after other bytes: offsets are relative

        template.writeTo(body, 42, 1000, 77_000L);

        JsonNode tree = new ObjectMapper(format.factory())
                .readTree(ByteBufUtil.getBytes(body, 2, body.readableBytes() - 2));
        assertThat(template.records()).isEqualTo(3);
        assertThat(body.readableBytes() - 2).isEqualTo(template.size());
        assertThat(tree.path("StreamName").asText()).isEqualTo("orders");
        JsonNode records = tree.path("Records");
        assertThat(records).hasSize(3);
        for (int i = 0; i < 3; i++) {
            byte[] stored = records.get(i).path("Data").binaryValue();
            assertThat(RecordHeader.readOrNull(stored, stored.length))
                    .isEqualTo(new RecordHeader(42, 1000 + i, 77_000L));
            assertThat(Arrays.copyOfRange(stored, RecordHeader.BYTES, stored.length))
                    .isEqualTo(Arrays.copyOfRange(data, RecordHeader.BYTES, data.length));
            assertThat(records.get(i).path("PartitionKey").asText()).isEqualTo(List.of("a", "b", "c").get(i));
        }
    }

    @ParameterizedTest
    @EnumSource(BodyFormat.class)
    void aPutRecordBodyHasNoRecordsArray(BodyFormat format) throws IOException {
        byte[] data = randomData(RecordHeader.BYTES + 1);
        PutBodyTemplate template = PutBodyTemplate.encode(format, Payload.BINARY, "orders", true, List.of("key"), data);
        ByteBuf body = Unpooled.buffer();

        template.writeTo(body, 1, 5, 6);

        JsonNode tree = new ObjectMapper(format.factory()).readTree(ByteBufUtil.getBytes(body));
        assertThat(tree.has("Records")).isFalse();
        assertThat(tree.path("PartitionKey").asText()).isEqualTo("key");
        byte[] stored = tree.path("Data").binaryValue();
        assertThat(RecordHeader.readOrNull(stored, stored.length)).isEqualTo(new RecordHeader(1, 5, 6));
        assertThat(stored[RecordHeader.BYTES]).isEqualTo(data[RecordHeader.BYTES]);
    }

    @ParameterizedTest
    @EnumSource(BodyFormat.class)
    void recordsOfJustTheHeaderSizeArePatchedToo(BodyFormat format) throws IOException {
        PutBodyTemplate template = PutBodyTemplate.encode(format, Payload.BINARY, "s", false, List.of("k"),
                new byte[RecordHeader.BYTES]);
        ByteBuf body = Unpooled.buffer();

        template.writeTo(body, 3, 4, 5);

        byte[] stored = new ObjectMapper(format.factory()).readTree(ByteBufUtil.getBytes(body))
                .path("Records").get(0).path("Data").binaryValue();
        assertThat(RecordHeader.readOrNull(stored, stored.length)).isEqualTo(new RecordHeader(3, 4, 5));
    }

    @ParameterizedTest
    @EnumSource(BodyFormat.class)
    void aTextPayloadIsOneCsvLineThatStartsWithItsHeaderInHex(BodyFormat format) throws IOException {
        byte[] data = Payload.TEXT.template(100, new Random(3));
        PutBodyTemplate template = PutBodyTemplate.encode(format, Payload.TEXT, "s", false, List.of("k", "l"), data);
        ByteBuf body = Unpooled.buffer();

        template.writeTo(body, 0x1234, 7, 99);

        JsonNode records = new ObjectMapper(format.factory()).readTree(ByteBufUtil.getBytes(body)).path("Records");
        for (int i = 0; i < 2; i++) {
            byte[] stored = records.get(i).path("Data").binaryValue();
            String text = new String(stored, java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(text).matches("534c4231[0-9a-f]{40},[a-z]{51}");
            assertThat(RecordHeader.readOrNull(stored, stored.length)).isEqualTo(new RecordHeader(0x1234, 7 + i, 99));
        }
    }

    static byte[] randomData(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }
}
