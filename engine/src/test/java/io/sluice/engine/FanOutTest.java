package io.sluice.engine;

import io.sluice.common.ErrorType;
import io.sluice.common.ManualClock;
import io.sluice.common.ServiceException;
import io.sluice.storage.LogConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Enhanced fan-out consumers and their subscriptions, on a manual clock. */
class FanOutTest {

    private static final StreamKey STREAM = new StreamKey("000000000000", "us-east-1", "fanned");
    private static final String SHARD = "shardId-000000000000";

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private KinesisEngine engine;
    private String consumer;

    @BeforeEach
    void open() throws Exception {
        engine = new KinesisEngine(dir, EngineConfig.defaults().withStatusDelays(0, 0, 0), LogConfig.defaults(), clock);
        engine.streams().create(STREAM, 1, null, null);
        clock.advance(Duration.ofSeconds(1));
        consumer = engine.consumers().register(STREAM, "app", Map.of()).meta().arn().toString();
        clock.advance(Duration.ofSeconds(1));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private ShardSubscription subscribe() {
        return engine.records().subscribeToShard(consumer, SHARD, IteratorType.LATEST, null, null);
    }

    @Test
    void aSubscriptionWhoseBudgetIsSpentAnswersAnEmptyEventAtItsDeadlineInsteadOfSpinning() throws Exception {
        for (int i = 0; i < 5; i++) {
            engine.records().putRecord(STREAM, new PutRecordsEntry(new byte[1_000_000], "k", null)).join();
            clock.advance(Duration.ofSeconds(1));
        }
        ShardSubscription subscription =
                engine.records().subscribeToShard(consumer, SHARD, IteratorType.TRIM_HORIZON, null, null);
        assertThat(subscription.next(0).records()).hasSize(2);
        assertThat(subscription.next(0).records()).as("the bucket still had a little left: it goes into debt")
                .hasSize(2);

        // the 2 MiB/s budget is now in debt and the manual clock never refills it: a heartbeat of 0 must return
        SubscriptionEvent throttled = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> subscription.next(0));
        assertThat(throttled.records()).isEmpty();
        assertThat(throttled.continuation()).as("resumes after the last record taken").isNotNull();

        clock.advance(Duration.ofSeconds(2));
        assertThat(subscription.next(0).records()).as("the budget refilled: the last record comes").hasSize(1);
    }

    @Test
    void aSecondSubscriptionIsRefusedForFiveSecondsThenTakesOver() {
        ShardSubscription first = subscribe();

        clock.advance(Duration.ofMillis(FanOut.TAKEOVER_MILLIS - 1));
        assertThatThrownBy(this::subscribe).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.type()).isEqualTo(ErrorType.RESOURCE_IN_USE));
        assertThat(first.closed()).as("a refused subscription leaves the first alone").isFalse();

        clock.advance(Duration.ofMillis(1));
        ShardSubscription second = subscribe();
        assertThat(first.closed()).isTrue();
        assertThat(second.closed()).isFalse();
    }

    @Test
    void consumerTagsChangeAndDeregisteredConsumersGoAfterTheDeletionTask() throws Exception {
        engine.consumers().tag(consumer, Map.of("team", "data", "tier", "gold"));
        engine.consumers().untag(consumer, List.of("tier"));
        assertThat(engine.consumers().tags(consumer)).containsExactly(Map.entry("team", "data"));

        engine.consumers().deregister(consumer, null, null);
        clock.advance(Duration.ofSeconds(1));
        engine.maintenance().deletions().doWork();
        assertThat(engine.consumers().count(engine.streams().describe(STREAM).meta())).isZero();
    }
}
