package io.sluice.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseWriterTest {

    @Test
    void jsonTimestampsAreEpochSecondsInPlainDecimalAndBlobsBase64() {
        String body = new String(new ResponseWriter(WireFormat.JSON).timestamp("T", 1441215410867L)
                .blob("D", new byte[] {'h', 'i'}).finish(), StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("{\"T\":1441215410.867,\"D\":\"aGk=\"}");
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
