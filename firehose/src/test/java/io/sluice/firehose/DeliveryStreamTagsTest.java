package io.sluice.firehose;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.Compression;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Delivery-stream tags follow the engine's tag rules, with Firehose's LimitExceededException for the count. */
class DeliveryStreamTagsTest {

    @TempDir
    Path dir;
    private Fixture fx;

    @BeforeEach
    void open() throws IOException {
        fx = new Fixture(dir, new LocalDirectoryObjectStore(dir.resolve("objects")), DeliveryObserver.NONE);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private void create(String name, Map<String, String> tags) {
        fx.engine.create(new CreateRequest(Fixture.key(name), DeliveryStreamType.DirectPut, null, null, null,
                Fixture.extendedS3(Fixture.s3("bucket", "", BufferingHints.DEFAULT, Compression.UNCOMPRESSED),
                        Processing.NONE), tags, null, null));
    }

    private Map<String, String> tags(String name) {
        Map<String, String> out = new TreeMap<>();
        fx.engine.listTags(Fixture.key(name), null, 50).tags().forEach(t -> out.put(t.getKey(), t.getValue()));
        return out;
    }

    private static ErrorType errorOf(Runnable call) {
        try {
            call.run();
        } catch (ServiceException e) {
            return e.type();
        }
        return null;
    }

    @Test
    void tagKeysWithTheReservedAwsPrefixAreRefusedOnTagAndOnCreate() {
        create("s", Map.of("team", "ingest"));

        assertThat(errorOf(() -> fx.engine.tag(Fixture.key("s"), Map.of("aws:owner", "me"))))
                .isEqualTo(ErrorType.INVALID_ARGUMENT);
        assertThat(errorOf(() -> fx.engine.tag(Fixture.key("s"), Map.of("AWS:cost", "1"))))
                .isEqualTo(ErrorType.INVALID_ARGUMENT);
        assertThat(tags("s")).containsExactly(Map.entry("team", "ingest"));

        assertThat(errorOf(() -> create("t", Map.of("aws:cloudformation:stack-name", "x"))))
                .isEqualTo(ErrorType.INVALID_ARGUMENT);
        assertThatThrownBy(() -> fx.engine.describe(Fixture.key("t"))).isInstanceOf(ServiceException.class)
                .extracting(e -> ((ServiceException) e).type()).isEqualTo(ErrorType.RESOURCE_NOT_FOUND);
    }

    /**
     * Letters, digits, spaces and {@code _ . : / = + - @} are tag characters; {@code %} is left out on purpose:
     * Firehose's model allows it in delivery-stream tags ({@code TagKey} pattern), Kinesis's rules do not.
     */
    @Test
    void tagKeysAndValuesWithCharactersAwsDoesNotAllowAreRefused() {
        create("s", Map.of());
        for (String bad : List.of(";", "\t", "\n")) {
            assertThat(errorOf(() -> fx.engine.tag(Fixture.key("s"), Map.of("key" + bad, "v"))))
                    .as("key with %s", bad.codePointAt(0)).isEqualTo(ErrorType.INVALID_ARGUMENT);
            assertThat(errorOf(() -> fx.engine.tag(Fixture.key("s"), Map.of("key", "v" + bad))))
                    .as("value with %s", bad.codePointAt(0)).isEqualTo(ErrorType.INVALID_ARGUMENT);
            assertThat(errorOf(() -> create("t", Map.of("key", "v" + bad))))
                    .as("create with a value with %s", bad.codePointAt(0)).isEqualTo(ErrorType.INVALID_ARGUMENT);
        }
        assertThat(tags("s")).isEmpty();

        fx.engine.tag(Fixture.key("s"), Map.of("env name_1.a:b/c=d+e-f@g", "Prod 9", "discount%", "10%"));
        assertThat(tags("s")).containsOnlyKeys("env name_1.a:b/c=d+e-f@g", "discount%");
    }

    @Test
    void aDeliveryStreamHoldsAtMostFiftyTagsAndTheFiftyFirstIsALimitExceeded() {
        Map<String, String> fifty = new TreeMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        create("s", fifty);
        assertThat(errorOf(() -> fx.engine.tag(Fixture.key("s"), Map.of("one-more", "v"))))
                .isEqualTo(ErrorType.LIMIT_EXCEEDED);
        fx.engine.tag(Fixture.key("s"), Map.of("k0", "replaced"));
        assertThat(tags("s")).hasSize(50).containsEntry("k0", "replaced");

        Map<String, String> fiftyOne = new TreeMap<>(fifty);
        fiftyOne.put("one-more", "v");
        assertThat(errorOf(() -> create("t", fiftyOne))).isEqualTo(ErrorType.LIMIT_EXCEEDED);
    }

    @Test
    void untaggingRemovesOnlyTheGivenKeys() {
        create("s", Map.of("a", "1", "b", "2"));
        fx.engine.untag(Fixture.key("s"), List.of("a", "absent"));
        assertThat(tags("s")).containsExactly(Map.entry("b", "2"));
    }
}
