package io.sluice.protocol.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Valid Kinesis request bodies to start mutating from, in JSON and in CBOR as the Java SDK writes it (blobs as
 * byte strings, timestamps as tag 1 with integer milliseconds), plus the tokens most likely to upset each parser.
 */
final class KinesisBodies {

    static final List<String> JSON_SEEDS = List.of(
            "{\"StreamName\":\"orders\",\"Data\":\"aGVsbG8=\",\"PartitionKey\":\"a\",\"ExplicitHashKey\":\"123\","
                    + "\"SequenceNumberForOrdering\":\"1\"}",
            "{\"StreamName\":\"orders\",\"Records\":[{\"Data\":\"aGk=\",\"PartitionKey\":\"a\"},{\"Data\":\"\","
                    + "\"PartitionKey\":\"b\",\"ExplicitHashKey\":\"340282366920938463463374607431768211455\"}]}",
            "{\"StreamName\":\"orders\",\"ShardId\":\"shardId-000000000000\",\"ShardIteratorType\":\"AT_TIMESTAMP\","
                    + "\"Timestamp\":1722052630.682}",
            "{\"ShardIterator\":\"AAAAAAAAAAEhlFjNdGbE\",\"Limit\":10000,"
                    + "\"StreamARN\":\"arn:aws:kinesis:us-east-1:000000000000:stream/orders\"}",
            "{\"StreamName\":\"orders\",\"MaxResults\":100,\"ShardFilter\":{\"Type\":\"AT_TIMESTAMP\","
                    + "\"Timestamp\":1722052630},\"StreamCreationTimestamp\":1.7E9}",
            "{\"StreamName\":\"orders\",\"ShardCount\":2,\"StreamModeDetails\":{\"StreamMode\":\"PROVISIONED\"},"
                    + "\"Tags\":{\"team\":\"a\",\"env\":\"dev\"}}",
            "{\"StreamName\":\"orders\",\"TagKeys\":[\"team\",\"env\"],\"EnforceConsumerDeletion\":true}",
            "{\"ResourceARN\":\"arn:aws:kinesis:us-east-1:000000000000:stream/orders\",\"Policy\":"
                    + "\"{\\\"Version\\\":\\\"2012-10-17\\\"}\"}");

    /** The members and shapes the fuzz tests read, covering every getter of WireObject. */
    static final List<String> MEMBERS = List.of("StreamName", "StreamARN", "Data", "PartitionKey",
            "ExplicitHashKey", "SequenceNumberForOrdering", "Records", "ShardId", "ShardIteratorType", "Timestamp",
            "ShardIterator", "Limit", "MaxResults", "ShardFilter", "StreamCreationTimestamp", "ShardCount",
            "StreamModeDetails", "Tags", "TagKeys", "EnforceConsumerDeletion", "ResourceARN", "Policy", "Type",
            "StreamMode");

    static final List<String> JSON_TOKENS = List.of("{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800",
            "null", "true", "-", "1e999999", "-1e-999999999", "123456789012345678901234567890123456789",
            "0.0000000000000000000000000000001", "NaN", "Infinity", "9223372036854775808", "-0", "1.5E+308",
            "{\"a\":".repeat(40), "[".repeat(40), "\"Data\":\"\"", "\"Timestamp\":", "\"Records\":[",
            "\u0000", "\u00ff", "\ufeff", "/*", "'");

    private static final ObjectMapper JSON = new ObjectMapper();

    private KinesisBodies() {
    }

    static List<byte[]> jsonSeeds() {
        return JSON_SEEDS.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    static List<byte[]> jsonTokens() {
        return JSON_TOKENS.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    static List<byte[]> cborSeeds() {
        return JSON_SEEDS.stream().map(KinesisBodies::toCbor).toList();
    }

    /** CBOR headers that lie about lengths, open containers, break them, or carry odd numbers and tags. */
    static List<byte[]> cborTokens() {
        return List.of(
                bytes(0x5b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),  // byte string of 2^63-1 bytes
                bytes(0x7a, 0xff, 0xff, 0xff, 0xff),                          // text string of 4 GiB
                bytes(0x9b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),  // array of 2^63-1 items
                bytes(0xbb, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),  // map of 2^63-1 pairs
                bytes(0x9f), bytes(0xbf), bytes(0xff), bytes(0x5f), bytes(0x7f), // indefinite lengths, break
                bytes(0xc2, 0x58, 0x20), bytes(0xc3, 0x41, 0x01),             // bignums
                bytes(0xc4, 0x82, 0x21, 0x19, 0x6a, 0xb3),                    // decimal fraction
                bytes(0xc1, 0xfb, 0x7f, 0xf8, 0, 0, 0, 0, 0, 0),              // tag 1 + NaN
                bytes(0xfa, 0x7f, 0x80, 0, 0), bytes(0xf9, 0x7c, 0x00),       // float +Infinity
                bytes(0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),  // 2^64-1
                bytes(0x3b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),  // -2^64
                bytes(0xd9, 0xd9, 0xf7), bytes(0xc1, 0xc1, 0xc1, 0xc1),       // self-describe, nested tags
                bytes(0xf7), bytes(0xf6), bytes(0xf8, 0x20), bytes(0x1c),     // undefined, null, simple, reserved
                repeat(bytes(0x81), 40), repeat(bytes(0xa1, 0x61, 0x61), 40),   // deep nesting
                bytes(0x62, 0xc3, 0x28), bytes(0x64, 0x44, 0x61, 0x74, 0x61)); // bad UTF-8, "Data"
    }

    private static byte[] toCbor(String json) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (CBORGenerator gen = new CBORFactory().createGenerator(out)) {
                write(gen, null, JSON.readTree(json));
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(CBORGenerator gen, String member, JsonNode node) throws IOException {
        if (node.isObject()) {
            gen.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                gen.writeFieldName(field.getKey());
                write(gen, field.getKey(), field.getValue());
            }
            gen.writeEndObject();
        } else if (node.isArray()) {
            gen.writeStartArray();
            for (JsonNode item : node) {
                write(gen, member, item);
            }
            gen.writeEndArray();
        } else if ("Data".equals(member)) {
            gen.writeBinary(Base64.getDecoder().decode(node.textValue()));
        } else if (member != null && member.endsWith("Timestamp")) {
            gen.writeTag(1);
            gen.writeNumber(Math.round(node.doubleValue() * 1000));
        } else if (node.isTextual()) {
            gen.writeString(node.textValue());
        } else if (node.isBoolean()) {
            gen.writeBoolean(node.booleanValue());
        } else {
            gen.writeNumber(node.longValue());
        }
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] repeat(byte[] unit, int times) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(unit.length * times);
        for (int i = 0; i < times; i++) {
            out.writeBytes(unit);
        }
        return out.toByteArray();
    }
}
