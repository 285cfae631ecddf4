package io.sluice.firehose;

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
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryToObjectsTest {

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

    @Test
    void recordsWaitForTheBufferingIntervalThenLandAsOneObjectUnderTheDefaultPrefix() throws IOException {
        fx.create("orders", Fixture.extendedS3(Fixture.s3("bucket", "", new BufferingHints(5, 60),
                Compression.UNCOMPRESSED), Processing.NONE));
        fx.put("orders", "a", "b");
        fx.put("orders", "c");

        fx.engine.runOnce();
        fx.advance(Duration.ofSeconds(59));
        fx.engine.runOnce();
        assertThat(fx.objects("bucket")).isEmpty();

        fx.advance(Duration.ofSeconds(1));
        fx.engine.runOnce();
        Map<String, byte[]> objects = fx.objects("bucket");
        assertThat(objects).hasSize(1);
        String key = objects.keySet().iterator().next();
        assertThat(key).matches("2023/11/14/22/orders-1-2023-11-14-22-13-20-[0-9a-f-]{36}");
        assertThat(Fixture.texts(objects)).containsExactly("abc");
    }

    @Test
    void aFullBufferIsDeliveredWithoutWaitingForTheInterval() throws IOException {
        fx.create("big", Fixture.extendedS3(Fixture.s3("bucket", "raw/", new BufferingHints(1, 900),
                Compression.UNCOMPRESSED), Processing.NONE));
        String half = "x".repeat(600 * 1024);
        fx.put("big", half);
        fx.engine.runOnce();
        assertThat(fx.objects("bucket")).isEmpty();

        fx.put("big", half);
        fx.engine.runOnce();
        assertThat(fx.objects("bucket")).hasSize(1);
        assertThat(fx.objects("bucket").keySet()).allMatch(k -> k.startsWith("raw/2023/11/14/22/big-1-"));
    }

    @Test
    void anIntervalOfZeroDeliversEveryStep() throws IOException {
        fx.create("now", Fixture.extendedS3(Fixture.s3("bucket", "p/!{timestamp:yyyy}/", new BufferingHints(5, 0),
                Compression.UNCOMPRESSED), Processing.NONE));
        fx.put("now", "1");
        fx.engine.runOnce();
        fx.put("now", "2");
        fx.engine.runOnce();
        assertThat(fx.objects("bucket").keySet()).hasSize(2).allMatch(k -> k.startsWith("p/2023/now-1-"));
    }

    @Test
    void recordsBufferedBeforeARestartAreDeliveredAfterIt() throws IOException {
        fx.create("durable", Fixture.extendedS3(Fixture.s3("bucket", "", new BufferingHints(5, 60),
                Compression.UNCOMPRESSED), Processing.NONE));
        fx.put("durable", "one", "two");
        fx.engine.runOnce(); // read into memory, not delivered: the interval has not passed

        fx.restart();
        fx.put("durable", "three");
        fx.advance(Duration.ofSeconds(60));
        fx.engine.runOnce();

        assertThat(String.join("", Fixture.texts(fx.objects("bucket")))).isEqualTo("onetwothree");
    }

    @Test
    void deliveredRecordsAreNotDeliveredAgainAfterARestart() throws IOException {
        fx.create("once", Fixture.extendedS3(Fixture.s3("bucket", "", new BufferingHints(5, 0),
                Compression.UNCOMPRESSED), Processing.NONE));
        fx.put("once", "x");
        fx.engine.runOnce();
        fx.restart();
        fx.engine.runOnce();
        assertThat(fx.objects("bucket")).hasSize(1);
    }

    @Test
    void aDeletedStreamIsGoneAfterTheDeleteDelay() {
        fx.create("gone", Fixture.extendedS3(Fixture.s3("bucket", "", BufferingHints.DEFAULT,
                Compression.UNCOMPRESSED), Processing.NONE));
        fx.engine.delete(Fixture.key("gone"));
        fx.engine.runOnce();
        assertThat(fx.engine.list(Fixture.ACCOUNT, Fixture.REGION, null, null, 10).names()).isEmpty();
    }

    @Test
    void configurationSurvivesARestartAndAnUpdateNamesNewObjectsWithTheNextVersion() throws IOException {
        fx.create("v", Fixture.extendedS3(Fixture.s3("bucket", "old/", new BufferingHints(5, 0),
                Compression.UNCOMPRESSED), Processing.NONE));
        fx.restart();
        fx.engine.updateDestination(Fixture.key("v"), "1", "destinationId-000000000001",
                current -> Fixture.extendedS3(Fixture.s3("bucket", "new/", new BufferingHints(5, 0),
                        Compression.UNCOMPRESSED), Processing.NONE));
        fx.put("v", "x");
        fx.engine.runOnce();
        assertThat(fx.objects("bucket").keySet()).singleElement().asString().startsWith("new/2023/11/14/22/v-2-");
        fx.restart();
        assertThat(fx.engine.describe(Fixture.key("v")).meta().version()).isEqualTo(2);
    }
}
