package io.sluice.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.common.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random operations on one log, checked after each step against an in-memory model: appends (single and queued
 * together, random sizes, empty keys and data), reads from random positions with random limits, timestamp lookups,
 * clock moves (backwards too), retention, and restarts, with small segments so that there are many.
 *
 * <p>Each run uses new seeds and prints them. To replay one: {@code ./mvnw -pl storage test
 * -Dtest=ShardLogSimulationTest -Dsluice.seed=<seed>}.
 */
class ShardLogSimulationTest {

    private static final int OPERATIONS = 400;
    private static final String NAME = "sim/shard";

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> randomOperationsMatchTheModel() {
        String fixed = System.getProperty("sluice.seed");
        LongStream seeds = fixed != null && !fixed.isBlank()
                ? LongStream.of(Long.parseLong(fixed))
                : new Random().longs(4);
        return seeds.boxed().map(seed -> DynamicTest.dynamicTest("seed=" + seed, () -> {
            System.out.println("ShardLogSimulationTest seed=" + seed + " (replay with -Dsluice.seed=" + seed + ")");
            try {
                new Simulation(seed, work.resolve("seed-" + seed)).run();
            } catch (Throwable e) {
                throw new AssertionError("simulation failed; replay with -Dsluice.seed=" + seed, e);
            }
        }));
    }

    private static final class Simulation {

        private final Random random;
        private final Path root;
        private final ManualClock clock;
        private final LogConfig config;
        private final List<StoredRecord> model = new ArrayList<>(); // retained records
        private long start;
        private long end;
        private long lastAssigned = -1;
        private LogStore store;
        private ShardLog log;

        Simulation(long seed, Path root) {
            this.random = new Random(seed);
            this.root = root;
            this.clock = new ManualClock(1_600_000_000_000L + random.nextInt(1_000_000));
            this.config = new LogConfig(200 + random.nextInt(1800), 1000 + random.nextInt(20_000),
                    32 + random.nextInt(480), false);
        }

        void run() throws Exception {
            open();
            for (int step = 0; step < OPERATIONS; step++) {
                int op = random.nextInt(100);
                if (op < 35) {
                    append(1);
                } else if (op < 45) {
                    append(2 + random.nextInt(5));
                } else if (op < 70) {
                    read();
                } else if (op < 78) {
                    offsetForTimestamp();
                } else if (op < 88) {
                    moveClock();
                } else if (op < 95) {
                    retention();
                } else {
                    store.close();
                    open();
                }
                checkBounds();
            }
            store.close();
        }

        private void open() throws IOException {
            store = new LogStore(root, config, clock);
            log = store.open(NAME);
            assertThat(log.recoveredBytesCut()).isZero();
            lastAssigned = model.isEmpty() ? -1 : model.getLast().timestamp();
        }

        /** Queues {@code count} appends before waiting for any, so they may share a batch. */
        private void append(int count) throws Exception {
            List<List<AppendRecord>> batches = new ArrayList<>();
            List<CompletableFuture<Long>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                List<AppendRecord> batch = new ArrayList<>();
                int size = 1 + random.nextInt(random.nextInt(10) == 0 ? 30 : 4);
                for (int r = 0; r < size; r++) {
                    batch.add(TestRecords.random(random, 12, random.nextInt(5) == 0 ? 600 : 60));
                }
                batches.add(batch);
                futures.add(store.append(log, batch));
            }
            long timestamp = Math.max(clock.millis(), lastAssigned);
            for (int i = 0; i < count; i++) {
                assertThat(futures.get(i).get()).isEqualTo(end);
                for (AppendRecord record : batches.get(i)) {
                    model.add(TestRecords.stored(record, end++, timestamp));
                }
            }
            lastAssigned = timestamp;
        }

        private void read() throws IOException {
            long from = start - 3 + random.nextLong(end - start + 7);
            int maxRecords = 1 + random.nextInt(random.nextBoolean() ? 5 : 100);
            long maxBytes = random.nextInt(random.nextBoolean() ? 100 : 5000);

            ReadResult result = log.read(from, maxRecords, maxBytes);

            long clamped = Math.min(Math.max(from, start), end);
            List<StoredRecord> expected = new ArrayList<>();
            long bytes = 0;
            for (StoredRecord r : model.subList((int) (clamped - start), model.size())) {
                if (expected.size() == maxRecords || (!expected.isEmpty() && bytes + r.data().length > maxBytes)) {
                    break;
                }
                expected.add(r);
                bytes += r.data().length;
            }
            assertThat(result.records()).isEqualTo(expected);
            assertThat(result.nextOffset()).isEqualTo(expected.isEmpty() ? clamped : expected.getLast().offset() + 1);
        }

        private void offsetForTimestamp() throws IOException {
            long first = model.isEmpty() ? clock.millis() : model.getFirst().timestamp();
            long t = first - 5 + random.nextLong(Math.max(1, clock.millis() - first + 10));
            long expected = model.stream().filter(r -> r.timestamp() >= t).mapToLong(StoredRecord::offset)
                    .findFirst().orElse(end);
            assertThat(log.offsetForTimestamp(t)).as("timestamp %d", t).isEqualTo(expected);
        }

        private void moveClock() {
            if (random.nextInt(6) == 0) {
                clock.set(clock.millis() - random.nextInt(3000)); // the clock steps back
            } else {
                clock.set(clock.millis() + random.nextInt(random.nextBoolean() ? 50 : 5000));
            }
        }

        /** Predicts from the segment boundaries which segments go, then checks that exactly those went. */
        private void retention() throws Exception {
            long cutoff = clock.millis() - random.nextInt(20_000);
            List<Long> bases = log.segmentBaseOffsets();
            int expiring = 0;
            while (expiring < bases.size()) {
                long segmentStart = bases.get(expiring);
                long segmentEnd = expiring + 1 < bases.size() ? bases.get(expiring + 1) : end;
                if (segmentStart == segmentEnd || model.get((int) (segmentEnd - 1 - start)).timestamp() >= cutoff) {
                    break;
                }
                expiring++;
            }
            long newStart = expiring == bases.size() ? end : bases.get(expiring);

            assertThat(log.deleteSegmentsOlderThan(cutoff)).isEqualTo(expiring);

            assertThat(log.startOffset()).isEqualTo(newStart);
            model.subList(0, (int) (newStart - start)).clear();
            start = newStart;
            try (Stream<Path> files = Files.list(root.resolve(NAME))) {
                assertThat(files.filter(p -> p.toString().endsWith(".log")).count())
                        .isEqualTo(log.segmentBaseOffsets().size());
            }
        }

        private void checkBounds() {
            assertThat(log.startOffset()).isEqualTo(start);
            assertThat(log.endOffset()).isEqualTo(end);
            assertThat(log.lastTimestamp()).isEqualTo(model.isEmpty() ? -1 : model.getLast().timestamp());
            List<Long> bases = log.segmentBaseOffsets();
            assertThat(bases.getFirst()).isEqualTo(start);
            assertThat(bases).isSorted().doesNotHaveDuplicates().allMatch(b -> b <= end);
        }
    }
}
