package io.sluice.protocol.fuzz;

import io.sluice.protocol.WireFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;

/**
 * Hostile request bodies through {@code WireObject.parse} and every getter: the only allowed failure is a
 * SerializationException or ValidationException (see {@link Reader}); any other exception fails the property.
 *
 * <p>Each property runs jqwik's default number of tries (1000). A long campaign:
 * <pre>
 * ./mvnw -o -pl protocol test -Dtest='io.sluice.protocol.fuzz.*' -Djqwik.tries.default=200000
 * </pre>
 * jqwik prints the seed of a failure; rerun it with {@code @Property(seed = "...")}.
 */
class WireObjectFuzzTest {

    @Property
    void mutatedJsonRequestsFailOnlyAsSerializationErrors(@ForAll("mutatedJson") byte[] body) {
        Reader.readAll(WireFormat.JSON, body);
    }

    @Property
    void mutatedCborRequestsFailOnlyAsSerializationErrors(@ForAll("mutatedCbor") byte[] body) {
        Reader.readAll(WireFormat.CBOR, body);
    }

    @Property
    void randomBytesFailOnlyAsSerializationErrors(@ForAll("randomBytes") byte[] body) {
        Reader.readAll(WireFormat.JSON, body);
        Reader.readAll(WireFormat.CBOR, body);
    }

    @Property
    void deeplyNestedBodiesFailOnlyAsSerializationErrors(@ForAll("nesting") byte[][] bodies) {
        Reader.readAll(WireFormat.JSON, bodies[0]);
        Reader.readAll(WireFormat.CBOR, bodies[1]);
    }

    @Property
    void anyValueInAnyMemberReadsOrFailsAsASerializationError(@ForAll("anyMembers") String body) {
        Reader.readAll(WireFormat.JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<byte[]> mutatedJson() {
        return Mutator.mutants(KinesisBodies.jsonSeeds(), KinesisBodies.jsonTokens(), 6);
    }

    @Provide
    Arbitrary<byte[]> mutatedCbor() {
        return Mutator.mutants(KinesisBodies.cborSeeds(), KinesisBodies.cborTokens(), 6);
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(256);
    }

    /** The same nesting, open or closed, in both formats: [[[..]]], {"a":{"a":..}} and mixtures. */
    @Provide
    Arbitrary<byte[][]> nesting() {
        return Combinators.combine(Arbitraries.integers().between(1, 2_000), Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as((depth, arrays, closed) -> new byte[][] {
                        jsonNesting(depth, arrays, closed), cborNesting(depth, arrays, closed)});
    }

    /** Every member assigned any JSON value: wrong types, extreme numbers, nested junk. */
    @Provide
    Arbitrary<String> anyMembers() {
        Arbitrary<String> member = Arbitraries.of(KinesisBodies.MEMBERS);
        return Combinators.combine(member, JsonValues.any(), member, JsonValues.any())
                .as((k1, v1, k2, v2) -> "{\"" + k1 + "\":" + v1 + ",\"" + k2 + "\":" + v2 + "}");
    }

    private static byte[] jsonNesting(int depth, boolean arrays, boolean closed) {
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String body = "{\"Records\":" + open.repeat(depth) + "1" + (closed ? close.repeat(depth) + "}" : "");
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] cborNesting(int depth, boolean arrays, boolean closed) {
        byte[] prefix = KinesisBodies.bytes(0xa1, 0x67, 'R', 'e', 'c', 'o', 'r', 'd', 's');
        byte[] level = arrays ? KinesisBodies.bytes(0x81) : KinesisBodies.bytes(0xa1, 0x61, 'a');
        byte[] nested = KinesisBodies.repeat(level, depth);
        byte[] body = new byte[prefix.length + nested.length + (closed ? 1 : 0)];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(nested, 0, body, prefix.length, nested.length);
        if (closed) {
            body[body.length - 1] = 0x01; // the innermost value; definite lengths need no closing bytes
        }
        return body;
    }
}
