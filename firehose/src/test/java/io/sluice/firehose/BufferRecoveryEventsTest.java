package io.sluice.firehose;

import io.sluice.common.ManualClock;
import io.sluice.engine.task.TaskRunner;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.Compression;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import io.sluice.storage.StorageEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Firehose's buffers report what recovery cut to the server's storage listener, as the stream logs do. */
class BufferRecoveryEventsTest {

    @TempDir
    Path dir;

    private record Cut(Path file, long bytes) {
    }

    @Test
    void aTornBufferTailIsCutAtStartAndReportedWithItsFile() throws Exception {
        LocalDirectoryObjectStore objects = new LocalDirectoryObjectStore(dir.resolve("objects"));
        try (Fixture fx = new Fixture(dir, objects, DeliveryObserver.NONE)) {
            fx.create("orders", Fixture.extendedS3(Fixture.s3("bucket", "", new BufferingHints(5, 900),
                    Compression.UNCOMPRESSED), Processing.NONE));
            fx.put("orders", "a", "b");
        }
        Path segment;
        try (Stream<Path> files = Files.walk(dir.resolve("firehose/buffers"))) {
            segment = files.filter(f -> f.toString().endsWith(".log")).findFirst().orElseThrow();
        }
        Files.write(segment, new byte[] {0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f}, StandardOpenOption.APPEND);

        List<Cut> cuts = new CopyOnWriteArrayList<>();
        StorageEvents events = new StorageEvents() {
            @Override
            public void recoveryCut(String log, Path file, long position, long bytes, String reason) {
                cuts.add(new Cut(file, bytes));
            }
        };
        ManualClock clock = new ManualClock(Fixture.START);
        try (TaskRunner tasks = new TaskRunner(clock, Duration.ofHours(1), Duration.ofHours(1));
             LocalDirectoryObjectStore reopenedObjects = new LocalDirectoryObjectStore(dir.resolve("objects"));
             FirehoseEngine reopened = new FirehoseEngine(Fixture.config(dir), clock, null, reopenedObjects,
                     DeliveryObserver.NONE, null, tasks, events)) {
            assertThat(cuts).containsExactly(new Cut(segment, 7));
            assertThat(reopened.describe(Fixture.key("orders"))).isNotNull();
        }
    }
}
