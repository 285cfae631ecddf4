package io.sluice.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.ManualClock;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers on many threads while the committer appends and retention deletes segments under them. */
class ConcurrentReadTest {

    @TempDir
    Path root;

    @Test
    void readersRacingAppendsAndRetentionSeeOnlyConsecutiveCommittedRecordsAndNoErrors() throws Exception {
        ManualClock clock = new ManualClock(0);
        int appends = 1500;
        try (LogStore store = new LogStore(root, new LogConfig(300, Duration.ofHours(1).toMillis(), 64, false),
                clock)) {
            ShardLog log = store.open("s/0");
            ExecutorService pool = Executors.newFixedThreadPool(4);
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < appends; i++) {
                    clock.set(i); // the record with data i gets timestamp i
                    byte[] data = ByteBuffer.allocate(8).putLong(i).array();
                    store.append(log, List.of(new AppendRecord((byte) 0, new byte[3], data))).join();
                    if (i % 5 == 0) {
                        log.deleteSegmentsOlderThan(i - 60);
                    }
                }
                return null;
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                int seed = r;
                readers.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    int reads = 0;
                    do {
                        long end = log.endOffset();
                        long from = random.nextBoolean() // near the start is where retention bites
                                ? log.startOffset() + random.nextInt(20)
                                : random.nextLong(end + 1);
                        ReadResult result = random.nextBoolean()
                                ? log.read(from, 1 + random.nextInt(50), 1 + random.nextInt(400))
                                : log.read(log.offsetForTimestamp(from), 20, Long.MAX_VALUE);
                        checkConsecutive(result);
                        reads++;
                    } while (!writer.isDone());
                    return reads;
                }));
            }
            writer.get();
            for (Future<Integer> reader : readers) {
                assertThat(reader.get()).isPositive();
            }
            pool.shutdown();

            assertThat(log.endOffset()).isEqualTo(appends);
            assertThat(log.startOffset()).isPositive();
            ReadResult tail = log.read(0, appends, Long.MAX_VALUE);
            checkConsecutive(tail);
            assertThat(tail.records().getFirst().offset()).isEqualTo(log.startOffset());
            assertThat(tail.nextOffset()).isEqualTo(appends);
        }
    }

    private static void checkConsecutive(ReadResult result) {
        List<StoredRecord> records = result.records();
        for (int i = 0; i < records.size(); i++) {
            StoredRecord record = records.get(i);
            assertThat(ByteBuffer.wrap(record.data()).getLong()).isEqualTo(record.offset());
            assertThat(record.timestamp()).isEqualTo(record.offset());
            if (i > 0) {
                assertThat(record.offset()).isEqualTo(records.get(i - 1).offset() + 1);
            }
        }
        if (!records.isEmpty()) {
            assertThat(result.nextOffset()).isEqualTo(records.getLast().offset() + 1);
        }
    }

    @Test
    void anInterruptedReaderDoesNotBreakTheLogForOthers() throws Exception {
        try (LogStore store = new LogStore(root, new LogConfig(1 << 20, 60_000, 64, false), new ManualClock(1))) {
            ShardLog log = store.open("s/0");
            store.append(log, TestRecords.records("a", "b", "c")).get();

            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    log.read(0, 10, 100);
                } catch (Exception e) {
                    failure.set(e);
                }
            });
            reader.start();
            reader.join();

            assertThat(failure.get()).isInstanceOf(ClosedByInterruptException.class);
            assertThat(log.read(0, 10, 100).records()).hasSize(3);
            assertThat(store.append(log, TestRecords.records("d")).get()).isEqualTo(3);
            assertThat(log.read(0, 10, 100).records()).hasSize(4);
        }
    }
}
