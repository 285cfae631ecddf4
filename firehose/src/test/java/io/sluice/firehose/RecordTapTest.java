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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Taps: what analytics applications reading a delivery stream see. */
class RecordTapTest {

    @TempDir
    Path dir;
    private Fixture f;

    @BeforeEach
    void open() throws IOException {
        f = new Fixture(dir, new LocalDirectoryObjectStore(dir.resolve("objects")), DeliveryObserver.NONE);
        f.create("hose", Fixture.extendedS3(Fixture.s3("bucket", "", BufferingHints.DEFAULT,
                Compression.UNCOMPRESSED), Processing.NONE));
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aTapSeesTheRecordsAcceptedWhileItIsRegisteredWithTheirArrivalTime() throws Exception {
        List<String> seen = new ArrayList<>();
        List<Long> arrivals = new ArrayList<>();
        f.put("hose", "before");
        AutoCloseable handle = f.engine.tap(Fixture.key("hose").arn(), (records, arrival) -> {
            records.forEach(r -> seen.add(new String(r, StandardCharsets.UTF_8)));
            arrivals.add(arrival);
        });
        f.put("hose", "one", "two");
        handle.close();
        f.put("hose", "after");

        assertThat(seen).containsExactly("one", "two");
        assertThat(arrivals).containsExactly(Fixture.START);
    }

    @Test
    void aFailingTapDoesNotFailThePut() {
        f.engine.tap(Fixture.key("hose").arn(), (records, arrival) -> {
            throw new IllegalStateException("broken reader");
        });

        f.put("hose", "one");
    }
}
