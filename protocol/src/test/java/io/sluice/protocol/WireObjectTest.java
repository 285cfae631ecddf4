package io.sluice.protocol;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

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

    private static void refused(Runnable read, String message) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.SERIALIZATION);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void emptyBodiesAndBodiesThatAreNotOneStructureAreRefusedWithTheirMessages() {
        refused(() -> WireObject.parse(WireFormat.JSON, new byte[0]),
                "The request body is empty; a structure was expected.");
        refused(() -> WireObject.parse(WireFormat.CBOR, new byte[0]),
                "The request body is empty; a structure was expected.");
        for (String body : new String[] {"[]", "[{}]", "1", "null", "\"s\"", "  ", "true"}) {
            refused(() -> WireObject.parse(WireFormat.JSON, json(body)), "The request body is not a structure.");
        }
        refused(() -> WireObject.parse(WireFormat.CBOR, new byte[] {(byte) 0x80}), // an empty CBOR array
                "The request body is not a structure.");
        refused(() -> WireObject.parse(WireFormat.JSON, json("{} {}")),
                "Unexpected content after the request structure.");
        refused(() -> WireObject.parse(WireFormat.CBOR, new byte[] {(byte) 0xa0, (byte) 0xa0}),
                "Unexpected content after the request structure.");
    }

    @Test
    void unparseableBodiesCarryJacksonsOwnMessage() {
        // A list that does not end is a parse error, not "not a structure": the value is read whole first.
        for (String body : new String[] {"{", "[1,", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":tru}", "{} x"}) {
            refused(() -> WireObject.parse(WireFormat.JSON, json(body)),
                    "The request body could not be parsed: " + jacksonMessage(WireFormat.JSON, json(body)));
        }
        byte[] cut = {(byte) 0xa1, 0x61, 'a'}; // a map of one member whose value is missing
        refused(() -> WireObject.parse(WireFormat.CBOR, cut),
                "The request body could not be parsed: " + jacksonMessage(WireFormat.CBOR, cut));
    }

    private static String jacksonMessage(WireFormat format, byte[] body) {
        try (JsonParser parser = format.factory().createParser(body)) {
            while (parser.nextToken() != null) {
                parser.getText();
            }
        } catch (JacksonException e) {
            return e.getOriginalMessage();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return fail("Jackson read " + new String(body, StandardCharsets.UTF_8) + " without an error");
    }

    @Test
    void invalidBase64IsASerializationErrorNamingTheMember() {
        for (String data : new String[] {"***", "aGk=aGk=", "a"}) {
            refused(() -> WireObject.parse(WireFormat.JSON, json("{\"Data\":\"" + data + "\"}")).blob("Data"),
                    "Member Data is not valid base64.");
        }
    }

    @Test
    void aMemberOfTheWrongTypeNamesItselfAndTheTypeExpected() {
        WireObject in = WireObject.parse(WireFormat.JSON, json("""
                {"S":1,"I":"1","F":1.5,"Big":2147483648,"R":true,"Inf":1e999,"B":"true","Bl":1,"T":"1",
                 "Huge":123456789012345678901234567890,"O":[],"L":{},"LO":["x"],"LS":[{}],"M":[],"MS":{"a":1}}"""));
        Map<String, Function<String, Object>> getters = Map.ofEntries(
                Map.entry("a string", in::string), Map.entry("an integer", in::integer),
                Map.entry("a number", in::real), Map.entry("a boolean", in::bool), Map.entry("a blob", in::blob),
                Map.entry("a timestamp", in::timestampMillis), Map.entry("a structure", in::object),
                Map.entry("a list", in::objects), Map.entry("a list of structures", in::objects),
                Map.entry("a list of strings", in::strings), Map.entry("a map", in::stringMap),
                Map.entry("a map of strings", in::stringMap));
        Map<String, List<String>> members = Map.ofEntries(
                Map.entry("a string", List.of("S")), Map.entry("an integer", List.of("I", "F", "Big")),
                Map.entry("a number", List.of("R", "Inf")), Map.entry("a boolean", List.of("B")),
                Map.entry("a blob", List.of("Bl")), Map.entry("a timestamp", List.of("T", "Inf", "Huge")),
                Map.entry("a structure", List.of("O")), Map.entry("a list", List.of("L")),
                Map.entry("a list of structures", List.of("LO")), Map.entry("a list of strings", List.of("LS")),
                Map.entry("a map", List.of("M")), Map.entry("a map of strings", List.of("MS")));
        members.forEach((expected, names) -> names.forEach(name -> refused(() -> getters.get(expected).apply(name),
                "Member " + name + " must be " + expected + ".")));
    }

    @Test
    void aRepeatedMemberReadsAsItsLastValueInItsFirstPlace() {
        WireObject in = WireObject.parse(WireFormat.JSON,
                json("{\"M\":{\"A\":\"1\",\"B\":\"2\",\"A\":\"3\"},\"N\":\"x\",\"N\":null,\"N2\":null,\"N2\":\"y\"}"));
        assertThat(in.stringMap("M")).containsExactly(Map.entry("A", "3"), Map.entry("B", "2"));
        assertThat(in.has("N")).isFalse();
        assertThat(in.string("N")).isNull();
        assertThat(in.string("N2")).isEqualTo("y");
        StringBuilder large = new StringBuilder("{\"M\":{");
        for (int i = 0; i < 40; i++) {
            large.append("\"k").append(i % 20).append("\":\"").append(i).append("\",");
        }
        large.setCharAt(large.length() - 1, '}');
        Map<String, String> map = WireObject.parse(WireFormat.JSON, json(large.append('}').toString())).stringMap("M");
        assertThat(map).hasSize(20);
        assertThat(map.keySet()).first().isEqualTo("k0");
        assertThat(map).containsEntry("k0", "20").containsEntry("k19", "39");
    }

    @Test
    void absentAndNullMembersReadAsNullFromEveryGetter() {
        WireObject in = WireObject.parse(WireFormat.JSON, json("{\"N\":null}"));
        for (String name : new String[] {"N", "Absent"}) {
            assertThat(in.has(name)).isFalse();
            assertThat(List.of(in, in).stream().flatMap(o -> java.util.stream.Stream.of(o.string(name),
                    o.integer(name), o.real(name), o.bool(name), o.blob(name), o.timestampMillis(name),
                    o.object(name), o.objects(name), o.strings(name), o.stringMap(name)))).containsOnlyNulls();
        }
    }

    @Test
    void cborTimestampsMayBeFloatsAndCborBlobsBase64Text() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator gen = new CBORFactory().createGenerator(out)) {
            gen.writeStartObject();
            gen.writeFieldName("Half");
            gen.writeNumber(2.5f);
            gen.writeFieldName("Fraction");
            gen.writeNumber(1722052630682.4);
            gen.writeFieldName("Big");
            gen.writeNumber(new java.math.BigDecimal("1722052630682.50"));
            gen.writeFieldName("Data");
            gen.writeString("aGk=");
            gen.writeEndObject();
        }
        WireObject in = WireObject.parse(WireFormat.CBOR, out.toByteArray());
        assertThat(in.timestampMillis("Half")).isEqualTo(3L);
        assertThat(in.timestampMillis("Fraction")).isEqualTo(1722052630682L);
        assertThat(in.timestampMillis("Big")).isEqualTo(1722052630683L);
        assertThat(in.real("Half")).isEqualTo(2.5);
        assertThat(in.blob("Data")).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
    }
}
