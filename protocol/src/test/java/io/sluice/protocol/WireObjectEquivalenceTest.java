package io.sluice.protocol;

import io.sluice.common.ServiceException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WireObject} (streaming, its own members) answers every getter on every member exactly as
 * {@link WireObjectOracle} (databind's tree, the implementation before) does: the same values and the same
 * failures, type and message, for random request bodies in both formats, broken ones included.
 *
 * <p>The seed is printed; rerun one with {@code -Dwireobject.seed=<seed>}, run longer with
 * {@code -Dwireobject.bodies=<count>}.
 */
class WireObjectEquivalenceTest {

    private static final List<String> PROBES = Stream.concat(RandomRequests.NAMES.stream(),
            Stream.of("Absent", "1", "-1", null)).toList(); // CBOR integer keys read as names

    private record Getter<T>(String name, Function<WireObject, T> actual, Function<WireObjectOracle, T> expected) {
    }

    @Test
    void everyGetterAnswersAsTheJacksonTreeForRandomBodies() {
        long seed = Long.getLong("wireobject.seed", System.nanoTime());
        int bodies = Integer.getInteger("wireobject.bodies", 3_000);
        System.out.println("WireObjectEquivalenceTest seed " + seed + " (rerun: -Dwireobject.seed=" + seed + ")");
        Random random = new Random(seed);
        for (int i = 0; i < bodies; i++) {
            WireFormat format = random.nextBoolean() ? WireFormat.JSON : WireFormat.CBOR;
            byte[] body = RandomRequests.body(random, format);
            sameParse(format, body, "seed " + seed + ", body " + i + " (" + format + ")");
        }
    }

    @Test
    void aPutRecordsBodyReadsAsTheJacksonTree() {
        for (WireFormat format : WireFormat.values()) {
            ResponseWriter out = new ResponseWriter(format).string("StreamName", "s").startArray("Records");
            Random random = new Random(7);
            for (int i = 0; i < 500; i++) {
                byte[] data = new byte[100];
                random.nextBytes(data);
                out.startObject().blob("Data", data).string("PartitionKey", "key" + i).endObject();
            }
            sameParse(format, out.endArray().finish(), "PutRecords " + format);
        }
    }

    /** Both parse the body the same way, and when they succeed, answer the same everywhere. */
    static void sameParse(WireFormat format, byte[] body, String where) {
        Outcome actual = Outcome.of(() -> WireObject.parse(format, body));
        Outcome expected = Outcome.of(() -> WireObjectOracle.parse(format, body));
        if (actual.value() instanceof WireObject object && expected.value() instanceof WireObjectOracle oracle) {
            sameStructure(object, oracle, where + ": body");
        } else {
            sameOutcome(actual, expected, where + ": parse");
        }
    }

    private static void sameStructure(WireObject actual, WireObjectOracle expected, String path) {
        for (String name : PROBES) {
            String at = path + "." + name;
            for (Getter<?> getter : List.<Getter<?>>of(
                    new Getter<>("has", o -> o.has(name), o -> o.has(name)),
                    new Getter<>("string", o -> o.string(name), o -> o.string(name)),
                    new Getter<>("integer", o -> o.integer(name), o -> o.integer(name)),
                    new Getter<>("real", o -> o.real(name), o -> o.real(name)),
                    new Getter<>("bool", o -> o.bool(name), o -> o.bool(name)),
                    new Getter<>("blob", o -> o.blob(name), o -> o.blob(name)),
                    new Getter<>("timestampMillis", o -> o.timestampMillis(name), o -> o.timestampMillis(name)),
                    new Getter<>("strings", o -> o.strings(name), o -> o.strings(name)),
                    new Getter<>("stringMap", o -> o.stringMap(name), o -> o.stringMap(name)))) {
                sameOutcome(Outcome.of(() -> getter.actual().apply(actual)),
                        Outcome.of(() -> getter.expected().apply(expected)), at + " " + getter.name());
            }
            Outcome object = Outcome.of(() -> actual.object(name));
            Outcome oracleObject = Outcome.of(() -> expected.object(name));
            if (object.value() instanceof WireObject inner && oracleObject.value() instanceof WireObjectOracle tree) {
                sameStructure(inner, tree, at);
            } else {
                sameOutcome(object, oracleObject, at + " object");
            }
            Outcome objects = Outcome.of(() -> actual.objects(name));
            Outcome oracleObjects = Outcome.of(() -> expected.objects(name));
            if (objects.value() instanceof List<?> items && oracleObjects.value() instanceof List<?> trees) {
                assertThat(items).as(at + " objects").hasSameSizeAs(trees);
                for (int i = 0; i < items.size(); i++) {
                    sameStructure((WireObject) items.get(i), (WireObjectOracle) trees.get(i), at + "[" + i + "]");
                }
            } else {
                sameOutcome(objects, oracleObjects, at + " objects");
            }
        }
    }

    private static void sameOutcome(Outcome actual, Outcome expected, String where) {
        if (expected.error() != null) {
            assertThat(actual.error()).as(where + " fails as the tree did (it answered " + actual.value() + ")")
                    .isNotNull().hasSameClassAs(expected.error()).hasMessage(expected.error().getMessage());
            if (expected.error() instanceof ServiceException serviceError) {
                assertThat(((ServiceException) actual.error()).type()).as(where).isEqualTo(serviceError.type());
            }
            return;
        }
        assertThat(actual.error()).as(where + " succeeds as the tree did").isNull();
        assertThat(comparable(actual.value())).as(where).isEqualTo(comparable(expected.value()));
    }

    /** Values as equals compares them the way the caller sees them: arrays by content, maps in their order. */
    private static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return Arrays.toString(bytes);
        }
        if (value instanceof Map<?, ?> map) {
            return new ArrayList<>(map.entrySet());
        }
        return value;
    }

    private record Outcome(Object value, RuntimeException error) {
        static Outcome of(java.util.function.Supplier<?> call) {
            try {
                return new Outcome(call.get(), null);
            } catch (RuntimeException e) {
                return new Outcome(null, e);
            }
        }
    }
}
