package io.sluice.cli.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SeenRecordsTest {

    @Test
    void tellsAFirstReadFromADuplicate() {
        SeenRecords seen = new SeenRecords();

        assertThat(seen.firstTime(0)).isTrue();
        assertThat(seen.firstTime(5)).isTrue();
        assertThat(seen.firstTime(0)).isFalse();
        assertThat(seen.firstTime(5)).isFalse();
        assertThat(seen.firstTime(1)).isTrue();
    }

    @Test
    void sequencesBeyondTheRangeOfOneBitSetAreKeptApart() {
        SeenRecords seen = new SeenRecords();
        long far = (1L << 30) + 3;

        assertThat(seen.firstTime(3)).isTrue();
        assertThat(seen.firstTime(far)).isTrue();
        assertThat(seen.firstTime(far)).isFalse();
        assertThat(seen.firstTime(3)).isFalse();
    }

    @Test
    void concurrentConsumersReadingTheSameRecordsSeeEachFirstExactlyOnce() throws Exception {
        SeenRecords seen = new SeenRecords();
        AtomicInteger firsts = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> consumers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            consumers.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (long sequence = 0; sequence < 50_000; sequence++) {
                    if (seen.firstTime(sequence)) {
                        firsts.incrementAndGet();
                    }
                }
            }));
        }
        start.countDown();
        for (Thread consumer : consumers) {
            consumer.join();
        }

        assertThat(firsts.get()).isEqualTo(50_000);
    }
}
