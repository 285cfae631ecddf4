package io.sluice.engine;

import io.sluice.common.ManualClock;
import io.sluice.storage.AppendRecord;
import io.sluice.storage.FileChannels;
import io.sluice.storage.LogConfig;
import io.sluice.storage.LogStore;
import io.sluice.engine.store.LocalShardLogStore;
import io.sluice.engine.store.ShardLogHandle;
import io.sluice.engine.store.ShardLogStore;
import io.sluice.storage.StorageEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reshard race of issue 10, stepped deterministically: put A is committed, put B is enqueued behind it but the
 * committer is held in B's batch (its segment roll blocks on a file the test holds), then the reshard closes the
 * shard and drains it. The shard must be sealed after B, never before an acknowledged record.
 */
class ReshardSealTest {

    @TempDir
    Path dir;

    /** Opens files normally until armed; then the next open waits until the test lets it go. */
    private static final class HeldOpens implements FileChannels {
        private volatile boolean armed;
        private final Semaphore arrived = new Semaphore(0);
        private final Semaphore release = new Semaphore(0);

        @Override
        public FileChannel open(Path file, java.nio.file.OpenOption... options) throws java.io.IOException {
            if (armed) {
                armed = false;
                arrived.release();
                release.acquireUninterruptibly();
            }
            return FileChannel.open(file, options);
        }
    }

    private static List<AppendRecord> record(String data) {
        return List.of(new AppendRecord((byte) 0, "k".getBytes(StandardCharsets.UTF_8),
                data.getBytes(StandardCharsets.UTF_8)));
    }

    /** What a put does under the gate: name the log, enqueue, leave. */
    private static CompletableFuture<Long> put(WriteGate gate, ShardLogStore store, ShardLogHandle log, String data) {
        gate.enterPut();
        try {
            gate.appending(0, store, log);
            return store.append(log, record(data));
        } finally {
            gate.exitPut();
        }
    }

    @Test
    void aShardIsSealedAfterEveryPutEnqueuedBeforeTheReshardEvenIfItIsStillBeingCommitted() throws Exception {
        HeldOpens files = new HeldOpens();
        LogConfig oneEntrySegments = new LogConfig(1, 3_600_000, 4096, false); // every batch after the first rolls
        try (LogStore store = new LogStore(dir, oneEntrySegments, new ManualClock(1_000), StorageEvents.NONE,
                files)) {
            ShardLogStore logs = new LocalShardLogStore(store);
            ShardLogHandle log = logs.open("stream/shard-0");
            WriteGate gate = new WriteGate();

            CompletableFuture<Long> a = put(gate, logs, log, "A");
            assertThat(a.join()).isZero();
            files.armed = true;
            CompletableFuture<Long> b = put(gate, logs, log, "B");
            assertThat(files.arrived.tryAcquire(30, TimeUnit.SECONDS)).as("committer holds B's batch").isTrue();

            gate.enterReshard(); // the reshard publishes the closed shard here; no put can route to it after
            gate.exitReshard();
            CompletableFuture<Long> sealedEnd = new CompletableFuture<>();
            Thread reshard = Thread.ofPlatform().start(() -> {
                gate.drain(0);
                sealedEnd.complete(log.endOffset());
            });
            while (reshard.getState() != Thread.State.WAITING && reshard.getState() != Thread.State.TERMINATED) {
                Thread.onSpinWait();
            }
            files.release.release();
            reshard.join();

            long bOffset = b.join();
            assertThat(bOffset).isEqualTo(1);
            assertThat(sealedEnd.join()).as("B was acknowledged at offset %d; the shard must end after it", bOffset)
                    .isEqualTo(bOffset + 1);
        }
    }
}
