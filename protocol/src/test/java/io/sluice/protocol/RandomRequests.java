package io.sluice.protocol;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Random request bodies for {@link WireObjectEquivalenceTest}: nested structures, lists, maps, strings with any
 * unicode, numbers of every kind and size, booleans, nulls and blobs, with repeated member names, in JSON or CBOR
 * (definite and indefinite lengths; tags, half floats, simple values, undefined, chunked strings and integer keys
 * spliced in as raw bytes), some of them then broken (cut, extended, a byte changed, or not a structure at all).
 * Not thread-safe: one per body.
 */
final class RandomRequests {

    /** Every member name a body may use: a few that repeat often, then enough for large maps. */
    static final List<String> NAMES = Stream.concat(
            Stream.of("Data", "PartitionKey", "Records", "Timestamp", "Limit", "Tags", "ünï 😀", ""),
            IntStream.range(0, 24).mapToObj(i -> "k" + i)).toList();

    /** Numbers as JSON text, where the extremes are: beyond long, beyond double, long fractions, exponents. */
    private static final List<String> JSON_NUMBERS = List.of("0", "-0", "2147483647", "2147483648", "-2147483648",
            "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "-9223372036854775809", "340282366920938463463374607431768211456", "1e308", "1.8e308", "-1.8e308",
            "1e999999", "-1e999999", "1e-999999", "4.9e-324", "0.5", "-0.5", "1E+2", "1.0", "-0.0",
            "1441215410.867", "1441215410.8675", "1441215410.8665", "1441215410.0004999999999999999",
            "9223372036854775.807", "9223372036854776", "9223372036854775.8075", "99999999999999999999.999",
            "1" + "0".repeat(300), "0." + "0".repeat(300) + "1", "1e30", "-1e-5", "12345678901234567890.5");

    private static final String MARKER = "\u0001raw";

    private final Random random;
    private final WireFormat format;
    private final JsonGenerator out;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final List<byte[]> raw = new ArrayList<>();

    private RandomRequests(Random random, WireFormat format) throws IOException {
        this.random = random;
        this.format = format;
        this.out = format.factory().createGenerator(bytes);
    }

    /** A random body: most are one structure, some are broken or something else. */
    static byte[] body(Random random, WireFormat format) {
        try {
            RandomRequests request = new RandomRequests(random, format);
            int shape = random.nextInt(20);
            if (shape == 0) {
                request.value(1); // the root is some value, maybe not a structure
            } else {
                request.structure(0);
            }
            request.out.close();
            byte[] body = request.spliced(request.bytes.toByteArray());
            return shape == 1 || shape == 0 && random.nextBoolean() ? broken(random, body) : body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] broken(Random random, byte[] body) {
        switch (random.nextInt(4)) {
            case 0:
                return java.util.Arrays.copyOf(body, random.nextInt(body.length));
            case 1:
                byte[] longer = java.util.Arrays.copyOf(body, body.length + 1 + random.nextInt(3));
                for (int i = body.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt(256);
                }
                return longer;
            case 2:
                byte[] changed = body.clone();
                changed[random.nextInt(changed.length)] = (byte) random.nextInt(256);
                return changed;
            default:
                byte[] twice = java.util.Arrays.copyOf(body, body.length * 2);
                System.arraycopy(body, 0, twice, body.length, body.length);
                return twice;
        }
    }

    private void structure(int depth) throws IOException {
        int members = random.nextInt(10) == 0 ? 9 + random.nextInt(16) : random.nextInt(6);
        startObject(members);
        for (int i = 0; i < members; i++) {
            out.writeFieldName(random.nextInt(3) == 0 ? NAMES.get(8 + random.nextInt(NAMES.size() - 8))
                    : NAMES.get(random.nextInt(8)));
            value(depth + 1);
        }
        out.writeEndObject();
    }

    private void value(int depth) throws IOException {
        int kind = random.nextInt(depth > 4 ? 10 : 14);
        switch (kind) {
            case 0 -> out.writeString(text());
            case 1 -> out.writeString(Base64.getEncoder().encodeToString(blob()));
            case 2 -> out.writeBinary(blob()); // JSON writes it as base64 text
            case 3 -> integer();
            case 4 -> fraction();
            case 5 -> out.writeBoolean(random.nextBoolean());
            case 6 -> out.writeNull();
            case 7 -> special();
            case 8 -> out.writeString(random.nextBoolean() ? "***" : "aGk"); // not base64
            case 9 -> out.writeNumber(random.nextLong(-1_000, 2_000_000_000_000L));
            case 10 -> structure(depth);
            case 11 -> list(depth, () -> structure(depth + 1));
            case 12 -> list(depth, () -> out.writeString(text()));
            default -> {
                int entries = random.nextInt(5);
                startObject(entries);
                for (int i = 0; i < entries; i++) {
                    out.writeFieldName(NAMES.get(random.nextInt(NAMES.size())));
                    if (random.nextInt(8) == 0) {
                        value(depth + 1);
                    } else {
                        out.writeString(text());
                    }
                }
                out.writeEndObject();
            }
        }
    }

    private interface Item {
        void write() throws IOException;
    }

    private void list(int depth, Item item) throws IOException {
        int items = random.nextInt(5);
        if (format == WireFormat.CBOR && random.nextBoolean()) {
            out.writeStartArray(null, items);
        } else {
            out.writeStartArray();
        }
        for (int i = 0; i < items; i++) {
            if (random.nextInt(6) == 0) {
                value(depth + 1);
            } else {
                item.write();
            }
        }
        out.writeEndArray();
    }

    private void startObject(int members) throws IOException {
        if (format == WireFormat.CBOR && random.nextBoolean()) {
            out.writeStartObject(null, members);
        } else {
            out.writeStartObject();
        }
    }

    private void integer() throws IOException {
        switch (random.nextInt(5)) {
            case 0 -> out.writeNumber(random.nextInt(-200, 200));
            case 1 -> out.writeNumber(random.nextInt());
            case 2 -> out.writeNumber(random.nextLong());
            case 3 -> out.writeNumber(new BigInteger(random.nextInt(1, 100), random).subtract(BigInteger.TWO.pow(50)));
            default -> out.writeNumber(random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE);
        }
    }

    private void fraction() throws IOException {
        switch (random.nextInt(format == WireFormat.JSON ? 4 : 6)) {
            case 0 -> out.writeNumber(random.nextDouble() * Math.pow(10, random.nextInt(-5, 20)));
            case 1 -> out.writeNumber(1_441_215_410L + random.nextInt(1000) / 1000.0);
            case 2 -> out.writeNumber(new BigDecimal(new BigInteger(random.nextInt(1, 80), random),
                    random.nextInt(-20, 20)).negate());
            case 3 -> {
                if (format == WireFormat.JSON) {
                    out.writeNumber(JSON_NUMBERS.get(random.nextInt(JSON_NUMBERS.size())));
                } else {
                    out.writeNumber(random.nextFloat() * (float) Math.pow(10, random.nextInt(-3, 14)));
                }
            }
            case 4 -> out.writeNumber(new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                    -0.0, Double.MAX_VALUE, Double.MIN_VALUE, 1e19, -9.3e18}[random.nextInt(8)]);
            default -> out.writeNumber(new float[] {Float.NaN, Float.POSITIVE_INFINITY, 2.5f, 1e10f, -0.0f,
                    Float.MAX_VALUE}[random.nextInt(6)]);
        }
    }

    /** JSON: an extreme number. CBOR: bytes the generator does not write, spliced in for a marker string. */
    private void special() throws IOException {
        if (format == WireFormat.JSON) {
            out.writeNumber(JSON_NUMBERS.get(random.nextInt(JSON_NUMBERS.size())));
            return;
        }
        byte[] value = switch (random.nextInt(12)) {
            case 0 -> bytes(0xf9, random.nextInt(256), random.nextInt(256)); // half float
            case 1 -> bytes(0xe0 | random.nextInt(20)); // simple value
            case 2 -> bytes(0xf8, 32 + random.nextInt(224)); // one-byte simple value
            case 3 -> bytes(0xf7); // undefined
            case 4 -> bytes(0xc1, 0x1b, 0, 0, 1, 0x91, 0x0e, 0x27, 0x4c, 0x9a); // tag 1, integer millis
            case 5 -> bytes(0xc1, 0xfb, 0x41, 0xd5, 0x79, 0x5e, 0x6c, 0xb7, 0x8d, 0x50); // tag 1, double seconds
            case 6 -> bytes(0xd8, 0x40, 0x43, 1, 2, 3); // a typed-array tag on a byte string
            case 7 -> bytes(0xc2, 0x41, random.nextInt(256)); // a one-byte bignum
            case 8 -> bytes(0x5f, 0x41, 1, 0x42, 2, 3, 0xff); // a byte string in chunks
            case 9 -> bytes(0x7f, 0x61, 'a', 0x62, 0xc3, 0xa9, 0xff); // a text string in chunks
            case 10 -> bytes(0xa2, 0x01, 0x61, 'v', 0x20, 0xf5); // a map with integer keys
            default -> bytes(0xc4, 0x82, 0x21, 0x19, 0x6a, 0xb3); // decimal fraction 27315e-2
        };
        raw.add(value);
        out.writeString(MARKER + (raw.size() - 1));
    }

    private byte[] spliced(byte[] body) {
        for (int i = raw.size() - 1; i >= 0; i--) {
            byte[] marker = (MARKER + i).getBytes(StandardCharsets.UTF_8);
            byte[] encoded = new byte[marker.length + 1];
            encoded[0] = (byte) (0x60 | marker.length);
            System.arraycopy(marker, 0, encoded, 1, marker.length);
            int at = indexOf(body, encoded);
            byte[] value = raw.get(i);
            byte[] next = new byte[body.length - encoded.length + value.length];
            System.arraycopy(body, 0, next, 0, at);
            System.arraycopy(value, 0, next, at, value.length);
            System.arraycopy(body, at + encoded.length, next, at + value.length, body.length - at - encoded.length);
            body = next;
        }
        return body;
    }

    private static int indexOf(byte[] body, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= body.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (body[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("marker not written");
    }

    private String text() {
        int length = random.nextInt(12);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(4)) {
                case 0 -> text.append((char) ('a' + random.nextInt(26)));
                case 1 -> text.appendCodePoint(0x80 + random.nextInt(0xd000)); // beyond ASCII, below surrogates
                case 2 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000)); // a surrogate pair
                default -> text.append("\"\\\n\t/ ".charAt(random.nextInt(6)));
            }
        }
        return text.toString();
    }

    private byte[] blob() {
        byte[] blob = new byte[random.nextInt(8) == 0 ? 0 : random.nextInt(1, 120)];
        random.nextBytes(blob);
        return blob;
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
