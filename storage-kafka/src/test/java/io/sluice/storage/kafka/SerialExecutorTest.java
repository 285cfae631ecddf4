package io.sluice.storage.kafka;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SerialExecutorTest {

    @Test
    void tasksRunOneAtATimeInSubmissionOrderOnASharedPool() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<SerialExecutor> logs = List.of(new SerialExecutor(pool), new SerialExecutor(pool));
            List<List<Integer>> ran = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
            AtomicInteger[] running = {new AtomicInteger(), new AtomicInteger()};
            List<Integer> overlaps = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(2 * 5_000);
            for (int i = 0; i < 5_000; i++) {
                for (int log = 0; log < 2; log++) {
                    int task = i;
                    int which = log;
                    logs.get(log).execute(() -> {
                        if (running[which].incrementAndGet() > 1) {
                            overlaps.add(task);
                        }
                        ran.get(which).add(task);
                        running[which].decrementAndGet();
                        done.countDown();
                    });
                }
            }

            assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                expected.add(i);
            }
            assertThat(ran.get(0)).isEqualTo(expected);
            assertThat(ran.get(1)).isEqualTo(expected);
            assertThat(overlaps).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tasksSubmittedAfterThePoolIsShutRunOnTheCaller() {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.shutdown();
        List<String> ran = new ArrayList<>();

        new SerialExecutor(pool).execute(() -> ran.add(Thread.currentThread().getName()));

        assertThat(ran).containsExactly(Thread.currentThread().getName());
    }
}
