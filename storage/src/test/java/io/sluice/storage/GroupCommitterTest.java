package io.sluice.storage;

import static io.sluice.storage.TestRecords.records;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Steps the committer by hand, as the store's thread would. */
class GroupCommitterTest {

    @TempDir
    Path root;

    private final ManualClock clock = new ManualClock(1_000_000);
    private final GroupCommitter committer = new GroupCommitter(LogConfig.defaults(), Runnable::run, EventReporter.NONE);
    private final List<ShardLog> logs = new ArrayList<>();

    @AfterEach
    void closeLogs() throws IOException {
        for (ShardLog log : logs) {
            log.close();
        }
    }

    private ShardLog log(String name, LogConfig config) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        ShardLog log = ShardLog.open(name, dir, config, clock);
        logs.add(log);
        return log;
    }

    private ShardLog log(String name) throws IOException {
        return log(name, new LogConfig(1 << 20, Duration.ofHours(1).toMillis(), 128, true));
    }

    private CompletableFuture<Long> submit(ShardLog log, String... data) {
        List<AppendRecord> records = records(data);
        int bytes = records.stream().mapToInt(EntryCodec::sizeOf).sum();
        return committer.submit(log, records, bytes);
    }

    private static Throwable causeOf(CompletableFuture<Long> future) {
        assertThat(future).isCompletedExceptionally();
        try {
            future.get();
            throw new AssertionError("not failed");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void appendsAreInvisibleUntilTheCommitterRuns() throws Exception {
        ShardLog log = log("a");
        CompletableFuture<Long> first = submit(log, "x", "y");
        CompletableFuture<Long> second = submit(log, "z");

        assertThat(first).isNotDone();
        assertThat(log.endOffset()).isZero();
        assertThat(log.read(0, 10, 100).records()).isEmpty();

        assertThat(committer.runOnce()).isEqualTo(2);

        assertThat(first).isCompletedWithValue(0L);
        assertThat(second).isCompletedWithValue(2L);
        assertThat(log.endOffset()).isEqualTo(3);
        assertThat(log.read(0, 10, 100).records()).hasSize(3);
        assertThat(committer.runOnce()).isZero();
    }

    @Test
    void oneStepCommitsTheQueuedAppendsOfEveryLogInArrivalOrder() throws Exception {
        ShardLog a = log("a");
        ShardLog b = log("b");
        CompletableFuture<Long> a1 = submit(a, "a1");
        CompletableFuture<Long> b1 = submit(b, "b1", "b2");
        CompletableFuture<Long> a2 = submit(a, "a2", "a3");
        CompletableFuture<Long> b2 = submit(b, "b3");

        committer.runOnce();

        assertThat(List.of(a1.get(), a2.get(), b1.get(), b2.get())).containsExactly(0L, 1L, 0L, 2L);
        assertThat(a.endOffset()).isEqualTo(3);
        assertThat(b.endOffset()).isEqualTo(3);
        assertThat(a.read(0, 10, 100).records()).extracting(r -> TestRecords.string(r.data()))
                .containsExactly("a1", "a2", "a3");
    }

    @Test
    void aBatchSpanningARollIsWrittenToBothSegmentsAndCommittedTogether() throws Exception {
        int entry = EntryCodec.sizeOf(TestRecords.record("key-0", "0"));
        ShardLog log = log("a", new LogConfig(2L * entry, Duration.ofHours(1).toMillis(), 16, true));
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            futures.add(submit(log, String.valueOf(i)));
        }

        committer.runOnce();

        assertThat(futures).extracting(CompletableFuture::join).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(log.segmentBaseOffsets()).containsExactly(0L, 2L, 4L);
        assertThat(log.read(0, 10, 1000).records()).extracting(StoredRecord::offset)
                .containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void appendsToAClosedLogFailWithIOExceptionWithoutHarmingOthers() throws Exception {
        ShardLog closed = log("closed");
        ShardLog open = log("open");
        closed.close();
        CompletableFuture<Long> toClosed = submit(closed, "x");
        CompletableFuture<Long> toOpen = submit(open, "y");

        committer.runOnce();

        assertThat(causeOf(toClosed)).isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThat(toOpen).isCompletedWithValue(0L);
    }

    @Test
    void aWriteFailureFailsThatLogsAppendsNowAndLaterButNotOtherLogs() throws Exception {
        int entry = EntryCodec.sizeOf(TestRecords.record("key-0", "0"));
        ShardLog broken = log("broken", new LogConfig(entry, Duration.ofHours(1).toMillis(), 64, false));
        ShardLog healthy = log("healthy");
        submit(broken, "0");
        committer.runOnce();
        Directories.deleteRecursively(root.resolve("broken")); // the next roll cannot create its segment

        CompletableFuture<Long> failed = submit(broken, "1");
        CompletableFuture<Long> fine = submit(healthy, "h");
        committer.runOnce();

        assertThat(causeOf(failed)).isInstanceOf(IOException.class);
        assertThat(fine).isCompletedWithValue(0L);
        assertThat(broken.endOffset()).isEqualTo(1);
        assertThat(broken.read(0, 10, 100).records()).hasSize(1);

        CompletableFuture<Long> later = submit(broken, "2");
        committer.runOnce();
        assertThat(causeOf(later)).isInstanceOf(IOException.class).hasMessageContaining("failed earlier");
    }

    @Test
    void closingStopsNewAppendsAndRunDrainsWhatWasQueued() throws Exception {
        ShardLog log = log("a");
        CompletableFuture<Long> queued = submit(log, "x");

        committer.close();
        CompletableFuture<Long> rejected = submit(log, "y");
        committer.run(); // returns once drained

        assertThat(queued).isCompletedWithValue(0L);
        assertThat(causeOf(rejected)).isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThat(log.endOffset()).isEqualTo(1);
    }

    @Test
    void aBarrierCompletesOnlyAfterEveryAppendQueuedBeforeItIsPublished() throws Exception {
        // the reshard race of issue 10: A is committed, B is queued but not yet committed, then the barrier
        ShardLog log = log("a");
        CompletableFuture<Long> a = submit(log, "A");
        committer.runOnce();
        CompletableFuture<Long> b = submit(log, "B");
        CompletableFuture<Long> barrier = committer.barrier(log);

        assertThat(a).isCompletedWithValue(0L);
        assertThat(barrier).as("B is still on its way").isNotDone();
        assertThat(log.endOffset()).isEqualTo(1);

        committer.runOnce();

        assertThat(b).isCompletedWithValue(1L);
        assertThat(barrier).isCompletedWithValue(2L);
        assertThat(log.read(0, 10, 100).records()).extracting(r -> TestRecords.string(r.data()))
                .containsExactly("A", "B");
    }

    @Test
    void aBarrierOnAnIdleLogCompletesWithItsEndAtTheNextStep() throws Exception {
        ShardLog idle = log("idle");
        ShardLog busy = log("busy");
        submit(idle, "x", "y");
        committer.runOnce();
        CompletableFuture<Long> other = submit(busy, "z");
        CompletableFuture<Long> barrier = committer.barrier(idle);

        committer.runOnce();

        assertThat(barrier).isCompletedWithValue(2L);
        assertThat(other).isCompletedWithValue(0L);
    }

    @Test
    void aBarrierAfterAFailedAppendStillCompletes() throws Exception {
        ShardLog closed = log("closed");
        closed.close();
        CompletableFuture<Long> failed = submit(closed, "x");
        CompletableFuture<Long> barrier = committer.barrier(closed);

        committer.runOnce();

        assertThat(causeOf(failed)).isInstanceOf(IOException.class);
        assertThat(barrier).isCompletedWithValue(0L);
    }
}
