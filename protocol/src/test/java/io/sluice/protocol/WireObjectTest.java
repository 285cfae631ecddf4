package io.sluice.protocol;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireObjectTest {

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jsonBlobsAreBase64AndTimestampsAreSecondsWithFraction() {
        WireObject in = WireObject.parse(WireFormat.JSON, json("{\"Data\":\"aGk=\",\"Timestamp\":1441215410.867}"));
        assertThat(in.blob("Data")).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
        assertThat(in.timestampMillis("Timestamp")).isEqualTo(1441215410867L);
        WireObject whole = WireObject.parse(WireFormat.JSON, json("{\"Timestamp\":1441215410}"));
        assertThat(whole.timestampMillis("Timestamp")).isEqualTo(1441215410000L);
    }

    @Test
    void cborBlobsAreByteStringsAndTaggedTimestampsAreMillis() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator gen = new CBORFactory().createGenerator(out)) {
            gen.writeStartObject();
            gen.writeFieldName("Data");
            gen.writeBinary(new byte[] {0, 1, 2});
            gen.writeFieldName("Timestamp");
            gen.writeTag(1);
            gen.writeNumber(1722052630682L);
            gen.writeEndObject();
        }
        WireObject in = WireObject.parse(WireFormat.CBOR, out.toByteArray());
        assertThat(in.blob("Data")).containsExactly(0, 1, 2);
        assertThat(in.timestampMillis("Timestamp")).isEqualTo(1722052630682L);
    }

    @Test
    void wrongTypesAndBrokenBodiesAreSerializationErrors() {
        for (String body : new String[] {"{\"Limit\":\"ten\"}", "[]", "{", "{\"a\":1} {}", ""}) {
            assertThatThrownBy(() -> WireObject.parse(WireFormat.JSON, json(body)).integer("Limit"))
                    .as(body).isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.type()).isEqualTo(ErrorType.SERIALIZATION));
        }
        assertThatThrownBy(() -> WireObject.parse(WireFormat.JSON, json("{\"Data\":\"***\"}")).blob("Data"))
                .isInstanceOf(ServiceException.class);
    }

    @Test
    void timestampsThatAreNotFiniteOrDoNotFitAreSerializationErrors() throws Exception {
        for (String body : new String[] {"{\"T\":1.8e308}", "{\"T\":-1e999999}", "{\"T\":1e30}"}) {
            assertThatThrownBy(() -> WireObject.parse(WireFormat.JSON, json(body)).timestampMillis("T")).as(body)
                    .isInstanceOfSatisfying(ServiceException.class,
                            e -> assertThat(e.type()).isEqualTo(ErrorType.SERIALIZATION));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator gen = new CBORFactory().createGenerator(out)) {
            gen.writeStartObject();
            gen.writeFieldName("Big");
            gen.writeNumber(new java.math.BigInteger("18446744073709551615"));
            gen.writeFieldName("NaN");
            gen.writeNumber(Double.NaN);
            gen.writeEndObject();
        }
        WireObject cbor = WireObject.parse(WireFormat.CBOR, out.toByteArray());
        for (String member : new String[] {"Big", "NaN"}) {
            assertThatThrownBy(() -> cbor.timestampMillis(member)).as(member)
                    .isInstanceOf(ServiceException.class);
        }
    }

    @Test
    void deeplyNestedBodiesAreRefused() {
        String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
        assertThatThrownBy(() -> WireObject.parse(WireFormat.JSON, json(deep)))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.type()).isEqualTo(ErrorType.SERIALIZATION));
    }
}
