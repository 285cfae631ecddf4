package io.sluice.firehose;

import io.sluice.firehose.config.ExtendedS3Destination;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Today's Firehose opens a data directory written at 0a647f3 (engine's {@code golden/README.md}) and delivers the
 * records that were still in its buffer.
 */
class GoldenFirehoseDirectoryTest {

    private static final Path GOLDEN = Path.of("../engine/src/test/resources/golden/sluice-0a647f3-firehose");

    @TempDir
    Path dir;

    @Test
    void bufferedRecordsOfADirectoryWrittenBy0a647f3AreDelivered() throws Exception {
        try (Stream<Path> files = Files.walk(GOLDEN)) {
            for (Path file : files.toList()) {
                Path target = dir.resolve(GOLDEN.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        try (Fixture fx = new Fixture(dir, new LocalDirectoryObjectStore(dir.resolve("objects")),
                DeliveryObserver.NONE)) {
            // written before record format conversion existed: read as an ExtendedS3 destination without it
            assertThat(fx.engine.describe(Fixture.key("golden-ds")).meta().destination())
                    .isInstanceOfSatisfying(ExtendedS3Destination.class, d -> {
                        assertThat(d.dataFormatConversion()).isNull();
                        assertThat(d.converts()).isFalse();
                    });
            fx.advance(Duration.ofSeconds(10));
            fx.engine.runOnce();
            fx.advance(Duration.ofSeconds(61));
            fx.engine.runOnce();

            assertThat(Fixture.texts(fx.objects("golden-bucket"))).containsExactly("first\nsecond\nthird\n");
        }
    }
}
