package io.sluice.cli.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RequestScheduleTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final Ticker ticker = now::get;

    @Test
    void withARateEachRequestIsDueWhenTheRecordsBeforeItHaveHadTheirTime() {
        // 1,000 records/s in batches of 100: one request every 100 ms, however late they are asked for
        RequestSchedule schedule = new RequestSchedule(ticker, Duration.ofSeconds(10), 0, 100, 1000);

        RequestSchedule.Ticket first = schedule.next();
        RequestSchedule.Ticket second = schedule.next();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        RequestSchedule.Ticket third = schedule.next();

        assertThat(first).isEqualTo(new RequestSchedule.Ticket(0, 100, 1_000));
        assertThat(second).isEqualTo(new RequestSchedule.Ticket(100, 100, 1_000 + 100_000_000));
        assertThat(third).isEqualTo(new RequestSchedule.Ticket(200, 100, 1_000 + 200_000_000));
    }

    @Test
    void withoutARateEachRequestIsDueWhenAskedFor() {
        RequestSchedule schedule = new RequestSchedule(ticker, Duration.ofSeconds(10), 0, 500, 0);
        schedule.next();
        now.set(5_000);

        assertThat(schedule.next()).isEqualTo(new RequestSchedule.Ticket(500, 500, 5_000));
    }

    @Test
    void aRecordBudgetEndsWithASmallerLastRequest() {
        RequestSchedule schedule = new RequestSchedule(ticker, null, 1_200, 500, 0);

        assertThat(schedule.next().records()).isEqualTo(500);
        assertThat(schedule.next().records()).isEqualTo(500);
        assertThat(schedule.next()).isEqualTo(new RequestSchedule.Ticket(1_000, 200, 1_000));
        assertThat(schedule.next()).isNull();
    }

    @Test
    void nothingIsHandedOutOnceTheDurationHasPassed() {
        RequestSchedule schedule = new RequestSchedule(ticker, Duration.ofSeconds(1), 0, 10, 0);
        assertThat(schedule.next()).isNotNull();

        now.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(schedule.next()).isNull();
    }

    @Test
    void aPacedRequestDueAfterTheEndIsNotHandedOut() {
        // 10 records/s in batches of 10: requests due at 0 s and 1 s; the one due at 2 s is past a 1.5 s run
        RequestSchedule schedule = new RequestSchedule(ticker, Duration.ofMillis(1500), 0, 10, 10);

        assertThat(schedule.next()).isNotNull();
        assertThat(schedule.next()).isNotNull();
        assertThat(schedule.next()).isNull();
    }

    @Test
    void concurrentProducersClaimEveryRecordOfTheBudgetExactlyOnce() throws Exception {
        RequestSchedule schedule = new RequestSchedule(ticker, null, 100_003, 7, 0);
        ConcurrentLinkedQueue<RequestSchedule.Ticket> tickets = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            producers.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (RequestSchedule.Ticket t = schedule.next(); t != null; t = schedule.next()) {
                    tickets.add(t);
                }
            }));
        }
        start.countDown();
        for (Thread producer : producers) {
            producer.join();
        }

        List<RequestSchedule.Ticket> sorted = tickets.stream()
                .sorted(Comparator.comparingLong(RequestSchedule.Ticket::firstSequence)).toList();
        long next = 0;
        for (RequestSchedule.Ticket ticket : sorted) {
            assertThat(ticket.firstSequence()).isEqualTo(next);
            next += ticket.records();
        }
        assertThat(next).isEqualTo(100_003);
    }
}
