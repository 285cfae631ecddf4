package io.sluice.storage;

import static io.sluice.storage.TestRecords.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.ManualClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link LogStore} on a {@link TestDisk}: acknowledgements come only after the log's own force, forces of a
 * batch run in parallel, a failed force fail-stops its log, and a slow disk turns into back-pressure.
 */
class CommitDurabilityTest {

    @TempDir
    Path root;

    private final ManualClock clock = new ManualClock(1_000_000);
    private final TestDisk disk = new TestDisk();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final StorageEvents listener = new StorageEvents() {
        @Override
        public void logFailed(String log, boolean fsync, Throwable cause) {
            events.add("failed " + log + " fsync=" + fsync + " " + cause.getMessage());
        }

        @Override
        public void appendRejected(long queuedBytes, long maxQueuedBytes) {
            events.add("rejected " + queuedBytes + "/" + maxQueuedBytes);
        }
    };
    private LogStore store;

    @AfterEach
    void close() {
        disk.release();
        if (store != null) {
            store.close();
        }
    }

    private LogStore store(LogConfig config) throws IOException {
        store = new LogStore(root, config, clock, listener, disk);
        return store;
    }

    private static LogConfig fsyncOn() {
        return new LogConfig(1 << 20, Duration.ofHours(1).toMillis(), 4096, true);
    }

    private Path activeSegment(ShardLog log) {
        List<Long> bases = log.segmentBaseOffsets();
        return root.resolve(log.name()).resolve(Segment.fileName(bases.getLast(), Segment.LOG_SUFFIX));
    }

    @Test
    void everyAppendIsForcedToItsOwnFileBeforeItIsAcknowledged() throws Exception {
        LogStore store = store(fsyncOn());
        List<ShardLog> logs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            logs.add(store.open("s/shard-" + i));
        }
        for (int round = 1; round <= 3; round++) {
            List<CompletableFuture<Integer>> forcedAtAck = new ArrayList<>();
            for (ShardLog log : logs) {
                Path file = activeSegment(log);
                // runs on the completing thread at the moment of acknowledgement
                forcedAtAck.add(store.append(log, records("r" + round)).thenApply(offset -> disk.forces(file)));
            }
            for (CompletableFuture<Integer> forced : forcedAtAck) {
                assertThat(forced.join()).as("forces of the log's file when its append was acknowledged")
                        .isGreaterThanOrEqualTo(round);
            }
        }
    }

    @Test
    void theLogsOfOneBatchAreForcedInParallelAndEachIsAcknowledgedAfterItsOwnForce() throws Exception {
        LogStore store = store(fsyncOn().withForceThreads(3));
        ShardLog a = store.open("s/a");
        ShardLog b = store.open("s/b");
        ShardLog c = store.open("s/c");
        disk.holdForces();
        // a first append, alone in its batch, keeps the committer busy while the next three queue up together
        CompletableFuture<Long> first = store.append(a, records("0"));
        disk.awaitHeldForce();
        List<CompletableFuture<Long>> batch = List.of(store.append(a, records("1")), store.append(b, records("1")),
                store.append(c, records("1")));
        disk.letForcesThrough(1);
        first.join();

        for (int i = 0; i < 3; i++) {
            disk.awaitHeldForce(); // on sequential code the second force never starts before the first ends
        }
        disk.letForcesThrough(1);
        CompletableFuture.anyOf(batch.toArray(CompletableFuture[]::new)).join();
        assertThat(batch.stream().filter(CompletableFuture::isDone)).as("only the log whose force ended").hasSize(1);

        disk.letForcesThrough(2);
        assertThat(batch).extracting(CompletableFuture::join).containsExactly(1L, 0L, 0L);
    }

    @Test
    void aFailedForceFailStopsItsLogWithTheOriginalCauseAndSparesTheOthers() throws Exception {
        LogStore store = store(fsyncOn().withForceThreads(1));
        ShardLog broken = store.open("s/broken");
        ShardLog healthy = store.open("s/healthy");
        store.append(broken, records("ok")).join();

        disk.failForces(new IOException("EIO on fsync"));
        assertThatThrownBy(() -> store.append(broken, records("lost")).join())
                .isInstanceOf(CompletionException.class).hasRootCauseMessage("EIO on fsync");
        disk.failForces(null);

        assertThatThrownBy(() -> store.append(broken, records("later")).join())
                .hasMessageContaining("failed earlier").hasRootCauseMessage("EIO on fsync");
        assertThat(store.append(healthy, records("fine")).join()).isZero();
        assertThat(broken.endOffset()).as("the unforced batch never became visible").isEqualTo(1);
        assertThat(events).containsExactly("failed s/broken fsync=true EIO on fsync");
    }

    @Test
    void overTheQueuedBytesCapAnAppendFailsWithBackPressureInsteadOfQueueingWithoutBound() throws Exception {
        int size = EntryCodec.sizeOf(TestRecords.record("key-x", "x".repeat(100)));
        LogStore store = store(fsyncOn().withBackPressure(2L * size, 0));
        ShardLog log = store.open("s/a");
        disk.holdForces(); // a disk that stops answering

        CompletableFuture<Long> first = store.append(log, List.of(TestRecords.record("key-x", "x".repeat(100))));
        disk.awaitHeldForce();
        CompletableFuture<Long> second = store.append(log, List.of(TestRecords.record("key-x", "x".repeat(100))));
        CompletableFuture<Long> refused = store.append(log, List.of(TestRecords.record("key-x", "x".repeat(100))));

        assertThat(store.queuedBytes()).isEqualTo(2L * size);
        assertThatThrownBy(refused::join).hasCauseInstanceOf(BackPressureException.class);
        assertThat(events).containsExactly("rejected " + 2L * size + "/" + 2L * size);

        disk.release();
        assertThat(first.join()).isZero();
        assertThat(second.join()).isEqualTo(1);
        assertThat(store.append(log, records("again")).join()).as("room again once the disk answers")
                .isEqualTo(2);
        assertThat(log.endOffset()).isEqualTo(3);
    }

    @Test
    void anAppendOverTheCapWaitsForRoomAndGoesThroughWhenTheDiskCatchesUp() throws Exception {
        int size = EntryCodec.sizeOf(TestRecords.record("key-x", "x".repeat(100)));
        LogStore store = store(fsyncOn().withBackPressure(size, 600_000));
        ShardLog log = store.open("s/a");
        disk.holdForces();
        CompletableFuture<Long> first = store.append(log, List.of(TestRecords.record("key-x", "x".repeat(100))));
        disk.awaitHeldForce();

        CompletableFuture<CompletableFuture<Long>> waiting = new CompletableFuture<>();
        Thread producer = Thread.ofVirtual().start(() ->
                waiting.complete(store.append(log, List.of(TestRecords.record("key-x", "x".repeat(100))))));
        while (producer.getState() != Thread.State.TIMED_WAITING && !waiting.isDone()) {
            Thread.onSpinWait();
        }
        assertThat(waiting).as("the producer waits for room, it is not refused").isNotDone();

        disk.release();
        assertThat(first.join()).isZero();
        assertThat(waiting.join().join()).isEqualTo(1);
    }

    @Test
    void aSingleAppendLargerThanTheCapIsAcceptedWhenNothingElseWaits() throws Exception {
        LogStore store = store(fsyncOn().withBackPressure(10, 0));
        ShardLog log = store.open("s/a");

        assertThat(store.append(log, records("much larger than ten bytes")).join()).isZero();
    }
}
