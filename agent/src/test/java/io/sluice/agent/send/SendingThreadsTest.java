package io.sluice.agent.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendingThreadsTest {

    @Test
    void aBatchQueuedWhileAThreadIsFreeGoesToThatThread() throws Exception {
        SendingThreads threads = new SendingThreads(24, Duration.ofMinutes(1), "t-");
        Set<String> names = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 50; i++) {
            CountDownLatch done = new CountDownLatch(1);
            threads.execute(() -> {
                names.add(Thread.currentThread().getName());
                done.countDown();
            });
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (threads.freeThreads() < threads.threads() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }

        assertThat(names).hasSize(1);
        threads.shutdownNow();
    }

    @Test
    void batchesAtOnceGetThreadsUpToTheMaximumAndAllRun() throws Exception {
        SendingThreads threads = new SendingThreads(3, Duration.ofMinutes(1), "t-");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(3);
        CountDownLatch done = new CountDownLatch(7);
        for (int i = 0; i < 7; i++) {
            threads.execute(() -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.countDown();
            });
        }

        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(threads.threads()).isEqualTo(3);
        release.countDown();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void idleThreadsEndAndNewBatchesStartOneAgain() throws Exception {
        SendingThreads threads = new SendingThreads(4, Duration.ofMillis(20), "t-");
        CountDownLatch first = new CountDownLatch(4);
        for (int i = 0; i < 4; i++) {
            threads.execute(first::countDown);
        }
        assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (threads.threads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(threads.threads()).isZero();

        CountDownLatch again = new CountDownLatch(1);
        threads.execute(again::countDown);
        assertThat(again.await(10, TimeUnit.SECONDS)).isTrue();
        threads.shutdownNow();
    }

    @Test
    void shutdownInterruptsRunningBatchesAndRefusesNewOnes() throws Exception {
        SendingThreads threads = new SendingThreads(2, Duration.ofMinutes(1), "t-");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        threads.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        threads.shutdownNow();

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> threads.execute(() -> { }))
                .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }
}
