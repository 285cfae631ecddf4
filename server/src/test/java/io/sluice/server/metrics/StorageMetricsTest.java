package io.sluice.server.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.common.Clock;
import io.sluice.storage.AppendRecord;
import io.sluice.storage.LogConfig;
import io.sluice.storage.LogStore;
import io.sluice.storage.ShardLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StorageMetricsTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StorageMetrics metrics = new StorageMetrics(registry);

    @Test
    void aRecoveryCutOfARealLogIsCountedWithItsBytes() throws IOException {
        LogConfig config = new LogConfig(1 << 20, 3_600_000, 4096, false);
        try (LogStore store = new LogStore(dir, config, Clock.system())) {
            ShardLog log = store.open("s/shard-0");
            store.append(log, List.of(new AppendRecord((byte) 0, new byte[] {1}, new byte[] {2}))).join();
        }
        Files.write(dir.resolve("s/shard-0/00000000000000000000.log"), new byte[] {0, 0, 0, 9, 7},
                StandardOpenOption.APPEND);

        try (LogStore store = new LogStore(dir, config, Clock.system(), metrics)) {
            metrics.bindQueue(store);
            store.open("s/shard-0");
            assertThat(registry.get("sluice.storage.commit.queued.bytes").gauge().value()).isZero();
        }

        assertThat(registry.get("sluice.storage.recovery.cuts").counter().count()).isEqualTo(1);
        assertThat(registry.get("sluice.storage.recovery.bytes.cut").counter().count()).isEqualTo(5);
    }

    @Test
    void failuresAndRefusalsAreCountedByKind() {
        metrics.logFailed("s/shard-0", true, new IOException("EIO"));
        metrics.metadataJournalCut(dir.resolve("metadata.journal"), 8, 3, false);
        metrics.appendRejected(300, 256);
        metrics.appendRejected(300, 256);

        assertThat(registry.get("sluice.storage.log.failures").tag("op", "fsync").counter().count()).isEqualTo(1);
        assertThat(registry.get("sluice.storage.metadata.journal.cuts").tag("kind", "torn").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("sluice.storage.appends.rejected").counter().count()).isEqualTo(2);
    }
}
