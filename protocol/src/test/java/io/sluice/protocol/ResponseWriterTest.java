package io.sluice.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.sluice.common.SequenceNumber;
import io.sluice.common.SequenceNumber.Layout;
import io.sluice.common.ShardId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseWriterTest {

    @Test
    void jsonTimestampsAreEpochSecondsInPlainDecimalAndBlobsBase64() {
        String body = new String(new ResponseWriter(WireFormat.JSON).timestamp("T", 1441215410867L)
                .blob("D", new byte[] {'h', 'i'}).finish(), StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("{\"T\":1441215410.867,\"D\":\"aGk=\"}");
    }

    @Test
    void jsonTimestampsPrintWhatBigDecimalPrintsForEveryMillisecondValue() {
        long seed = System.nanoTime();
        System.out.println("JSON timestamps, seed " + seed);
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            long millis = i < 8 ? new long[] {0, 1, 9, 10, 999, 1000, Long.MAX_VALUE, -1_500}[i]
                    : (random.nextLong() >>> random.nextInt(64)) * (random.nextInt(10) == 0 ? -1 : 1);
            String body = new String(new ResponseWriter(WireFormat.JSON).timestamp("T", millis).finish(),
                    StandardCharsets.UTF_8);
            assertThat(body).as("seed " + seed).isEqualTo("{\"T\":" + BigDecimal.valueOf(millis, 3).toPlainString()
                    + "}");
        }
    }

    @Test
    void cborTimestampsAreIntegerMillisAndBlobsByteStrings() throws Exception {
        byte[] body = new ResponseWriter(WireFormat.CBOR).timestamp("T", 1441215410867L)
                .blob("D", new byte[] {1, 2}).finish();
        JsonNode node = new ObjectMapper(new CBORFactory()).readTree(body);
        assertThat(node.get("T").isIntegralNumber()).isTrue();
        assertThat(node.get("T").longValue()).isEqualTo(1441215410867L);
        assertThat(node.get("D").isBinary()).isTrue();
        assertThat(node.get("D").binaryValue()).containsExactly(1, 2);
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void sequenceNumbersAndShardIdsAreWrittenByteForByteAsTheirStrings(WireFormat format) {
        for (SequenceNumber seq : List.of(Layout.AWS_56.ofRecord(3, 123_456_789L),
                Layout.COMPACT_38.ofRecord(Integer.MAX_VALUE, Long.MAX_VALUE - 1), Layout.AWS_56.before(0, 0))) {
            byte[] direct = new ResponseWriter(format).startArray("Records").startObject()
                    .sequenceNumber("SequenceNumber", seq).shardId("ShardId", new ShardId(seq.shardIndex()))
                    .number("N", 1).endObject().endArray().finish();
            byte[] viaString = new ResponseWriter(format).startArray("Records").startObject()
                    .string("SequenceNumber", seq.format()).string("ShardId", new ShardId(seq.shardIndex()).toString())
                    .number("N", 1).endObject().endArray().finish();
            assertThat(direct).as(seq.format()).isEqualTo(viaString);
        }
    }

    @Test
    void listsOfListsAreWrittenWithUnnamedInnerArrays() {
        String body = new String(new ResponseWriter(WireFormat.JSON).startArray("Rows").startArray().string("a")
                .string("b").endArray().startArray().endArray().endArray().finish(), StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("{\"Rows\":[[\"a\",\"b\"],[]]}");
    }

    @Test
    void errorBodyCarriesTypeAndMessage() {
        String body = new String(ErrorBody.encode(WireFormat.JSON, "ResourceNotFoundException", "gone"),
                StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("{\"__type\":\"ResourceNotFoundException\",\"message\":\"gone\"}");
    }
}
