package io.sluice.storage;

import static io.sluice.storage.TestRecords.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.Clock;
import io.sluice.common.ManualClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogStoreTest {

    @TempDir
    Path root;

    private final ManualClock clock = new ManualClock(5_000);
    private final LogConfig config = new LogConfig(4096, Duration.ofHours(1).toMillis(), 256, true);
    private LogStore store;

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private LogStore store() throws IOException {
        store = new LogStore(root, config, clock);
        return store;
    }

    @Test
    void openingTheSameNameTwiceReturnsTheSameLog() throws Exception {
        LogStore s = store();

        ShardLog log = s.open("acct-region-stream-1/shardId-000000000000");

        assertThat(s.open("acct-region-stream-1/shardId-000000000000")).isSameAs(log);
        assertThat(s.open("acct-region-stream-1/./shardId-000000000000")).isSameAs(log);
        assertThat(s.open("acct-region-stream-1/shardId-000000000001")).isNotSameAs(log);
        assertThat(log.name()).isEqualTo("acct-region-stream-1/shardId-000000000000");
        assertThat(root.resolve("acct-region-stream-1/shardId-000000000000")).isDirectory();
    }

    @Test
    void namesThatLeaveTheRootAreRejected() throws Exception {
        LogStore s = store();

        for (String name : List.of("", " ", "..", "../x", "a/../..", "/abs/path", "a/..")) {
            assertThatThrownBy(() -> s.open(name)).as(name).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void emptyAppendsAreRejected() throws Exception {
        LogStore s = store();
        ShardLog log = s.open("a");

        assertThatThrownBy(() -> s.append(log, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deleteRemovesTheLogAndItsDirectoryAndLaterAppendsFail() throws Exception {
        LogStore s = store();
        ShardLog log = s.open("stream/shard");
        s.append(log, records("a", "b")).get();

        s.delete("stream/shard");

        assertThat(root.resolve("stream/shard")).doesNotExist();
        assertThatThrownBy(() -> s.append(log, records("c")).get()).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThatThrownBy(() -> log.read(0, 10, 100)).isInstanceOf(IOException.class);
        ShardLog fresh = s.open("stream/shard");
        assertThat(fresh).isNotSameAs(log);
        assertThat(fresh.endOffset()).isZero();
        s.delete("never/opened"); // nothing to do
    }

    @Test
    void deletingALogWithAppendsInFlightSettlesEachOneAndLeavesNoFilesBehind() throws Exception {
        LogStore s = store();
        ShardLog log = s.open("stream/doomed");
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            futures.add(s.append(log, records("r" + i)));
        }

        s.delete("stream/doomed");
        s.append(s.open("stream/other"), records("x")).get(); // the committer has passed every earlier append

        for (CompletableFuture<Long> future : futures) {
            assertThat(future).isDone();
            if (future.isCompletedExceptionally()) {
                assertThatThrownBy(future::get).hasCauseInstanceOf(IOException.class);
            }
        }
        assertThat(root.resolve("stream/doomed")).doesNotExist();
    }

    @Test
    void closeCommitsEverythingQueuedAndRejectsLaterAppends() throws Exception {
        LogStore s = store();
        ShardLog log = s.open("a");
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(s.append(log, records("r" + i)));
        }

        s.close();

        for (int i = 0; i < futures.size(); i++) {
            assertThat(futures.get(i)).isCompletedWithValue((long) i);
        }
        assertThatThrownBy(() -> s.append(log, records("late")).get()).hasCauseInstanceOf(IOException.class);
        assertThatThrownBy(() -> s.open("b")).isInstanceOf(IOException.class);
        try (LogStore reopened = new LogStore(root, config, clock)) {
            assertThat(reopened.open("a").endOffset()).isEqualTo(200);
        }
    }

    @Test
    void concurrentAppendsToSeveralLogsGetDistinctConsecutiveOffsetsAndAllReadBack() throws Exception {
        LogStore s = new LogStore(root, new LogConfig(8192, Duration.ofHours(1).toMillis(), 512, true),
                Clock.system());
        store = s;
        int logCount = 4;
        int threads = 8;
        int appendsPerThread = 150;
        List<ShardLog> logs = new ArrayList<>();
        for (int i = 0; i < logCount; i++) {
            logs.add(s.open("stream/shard-" + i));
        }

        // each record's data names its log, thread, append and position, so where it landed can be checked
        record Sent(int log, int thread, int append, int size, CompletableFuture<Long> offset) {
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Sent>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                Random random = new Random(thread);
                List<Sent> sent = new ArrayList<>();
                for (int a = 0; a < appendsPerThread; a++) {
                    int logIndex = random.nextInt(logCount);
                    int size = 1 + random.nextInt(4);
                    List<AppendRecord> batch = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        batch.add(new AppendRecord((byte) 0, new byte[0], payload(logIndex, thread, a, i)));
                    }
                    sent.add(new Sent(logIndex, thread, a, size, s.append(logs.get(logIndex), batch)));
                }
                return sent;
            }));
        }
        List<Sent> all = new ArrayList<>();
        for (Future<List<Sent>> f : results) {
            all.addAll(f.get());
        }
        pool.shutdown();
        CompletableFuture.allOf(all.stream().map(Sent::offset).toArray(CompletableFuture[]::new)).get();

        for (int l = 0; l < logCount; l++) {
            ShardLog log = logs.get(l);
            List<StoredRecord> read = new ArrayList<>();
            for (long next = 0; next < log.endOffset(); ) {
                ReadResult r = log.read(next, 1000, Long.MAX_VALUE);
                read.addAll(r.records());
                next = r.nextOffset();
            }
            boolean[] covered = new boolean[read.size()];
            int expectedRecords = 0;
            for (Sent sent : all) {
                if (sent.log() != l) {
                    continue;
                }
                expectedRecords += sent.size();
                long first = sent.offset().get();
                for (int i = 0; i < sent.size(); i++) {
                    int offset = (int) (first + i);
                    assertThat(covered[offset]).as("offset %d given twice", offset).isFalse();
                    covered[offset] = true;
                    assertThat(read.get(offset).data()).isEqualTo(payload(l, sent.thread(), sent.append(), i));
                }
            }
            assertThat(read).hasSize(expectedRecords);
            assertThat(log.endOffset()).isEqualTo(expectedRecords);
            assertThat(read).extracting(StoredRecord::offset).isSorted();
        }
    }

    private static byte[] payload(int log, int thread, int append, int index) {
        return ByteBuffer.allocate(16).putInt(log).putInt(thread).putInt(append).putInt(index).array();
    }

    @Test
    void storeRootIsCreatedWithParents() throws Exception {
        Path nested = root.resolve("x/y/z");
        try (LogStore s = new LogStore(nested, config, clock)) {
            s.open("a");
        }
        assertThat(Files.isDirectory(nested.resolve("a"))).isTrue();
    }
}
