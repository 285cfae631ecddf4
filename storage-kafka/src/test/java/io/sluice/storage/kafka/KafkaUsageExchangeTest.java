package io.sluice.storage.kafka;

import io.sluice.engine.limits.ShardUsage;
import io.sluice.kafka.testkit.KafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Nodes' usage exchanges on one real broker, as the engines of a cluster use them. */
class KafkaUsageExchangeTest {

    private static final long WAIT_SECONDS = 60;
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void closeBroker() {
        broker.close();
    }

    private static KafkaSettings settings(String prefix, String node) {
        return new KafkaSettings(broker.bootstrapServers(), Map.of(), prefix, (short) 1, node, Duration.ofMillis(50));
    }

    private static ShardUsage usage(String stream, long records) {
        return new ShardUsage("000000000000", "us-east-1", stream, 1_700_000_000_000L, 0, records * 10, records, 0,
                0);
    }

    /** A node's local usage: what the test offers, handed over once, then nothing. */
    private static final class Offered {
        private final ConcurrentLinkedQueue<List<ShardUsage>> pending = new ConcurrentLinkedQueue<>();

        List<ShardUsage> take() {
            List<ShardUsage> next = pending.poll();
            return next == null ? List.of() : next;
        }
    }

    @Test
    void usagePublishedByOneNodeReachesTheOthersButNotItself() throws Exception {
        Offered offeredByA = new Offered();
        BlockingQueue<List<ShardUsage>> receivedByA = new LinkedBlockingQueue<>();
        BlockingQueue<List<ShardUsage>> receivedByB = new LinkedBlockingQueue<>();
        BlockingQueue<List<ShardUsage>> receivedByC = new LinkedBlockingQueue<>();
        Offered offeredByB = new Offered();
        try (KafkaUsageExchange a = KafkaUsageExchange.open(settings("reach.", "a"));
             KafkaUsageExchange b = KafkaUsageExchange.open(settings("reach.", "b"));
             KafkaUsageExchange c = KafkaUsageExchange.open(settings("reach.", "c"))) {
            a.start(offeredByA::take, receivedByA::add);
            b.start(offeredByB::take, receivedByB::add);
            c.start(List::of, receivedByC::add);

            offeredByA.pending.add(List.of(usage("orders", 7), usage("clicks", 3)));
            assertThat(receivedByB.poll(WAIT_SECONDS, TimeUnit.SECONDS))
                    .containsExactly(usage("orders", 7), usage("clicks", 3));
            assertThat(receivedByC.poll(WAIT_SECONDS, TimeUnit.SECONDS))
                    .containsExactly(usage("orders", 7), usage("clicks", 3));

            // B's report comes after A's in the topic: once A has B's, it would have had its own if it read it
            offeredByB.pending.add(List.of(usage("orders", 1)));
            assertThat(receivedByA.poll(WAIT_SECONDS, TimeUnit.SECONDS)).containsExactly(usage("orders", 1));
            assertThat(receivedByA).isEmpty();
            assertThat(receivedByB).as("nothing but A's one report, and no empty ones").isEmpty();
        }
    }

    @Test
    void aNodeThatStartsLaterHearsOnlyWhatIsReportedAfterItOpened() throws Exception {
        Offered offeredByA = new Offered();
        BlockingQueue<List<ShardUsage>> receivedByB = new LinkedBlockingQueue<>();
        BlockingQueue<List<ShardUsage>> receivedByLate = new LinkedBlockingQueue<>();
        try (KafkaUsageExchange a = KafkaUsageExchange.open(settings("late.", "a"));
             KafkaUsageExchange b = KafkaUsageExchange.open(settings("late.", "b"))) {
            a.start(offeredByA::take, r -> { });
            b.start(List::of, receivedByB::add);
            offeredByA.pending.add(List.of(usage("old", 1)));
            assertThat(receivedByB.poll(WAIT_SECONDS, TimeUnit.SECONDS)).containsExactly(usage("old", 1));

            try (KafkaUsageExchange late = KafkaUsageExchange.open(settings("late.", "late"))) {
                late.start(List::of, receivedByLate::add);
                offeredByA.pending.add(List.of(usage("new", 2)));

                assertThat(receivedByLate.poll(WAIT_SECONDS, TimeUnit.SECONDS)).containsExactly(usage("new", 2));
            }
        }
    }

    @Test
    void aReportOfManyShardsIsSplitOverRecordsAndArrivesWhole() throws Exception {
        List<ShardUsage> many = new ArrayList<>();
        for (int i = 0; i < KafkaUsageExchange.MAX_ENTRIES + 10; i++) {
            many.add(usage("s" + i, i + 1));
        }
        Offered offeredByA = new Offered();
        BlockingQueue<List<ShardUsage>> receivedByB = new LinkedBlockingQueue<>();
        try (KafkaUsageExchange a = KafkaUsageExchange.open(settings("many.", "a"));
             KafkaUsageExchange b = KafkaUsageExchange.open(settings("many.", "b"))) {
            a.start(offeredByA::take, r -> { });
            b.start(List::of, receivedByB::add);
            offeredByA.pending.add(many);

            List<ShardUsage> received = new ArrayList<>(receivedByB.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            received.addAll(receivedByB.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            assertThat(received).isEqualTo(many);
        }
    }
}
