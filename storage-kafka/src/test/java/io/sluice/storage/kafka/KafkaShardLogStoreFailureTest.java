package io.sluice.storage.kafka;

import io.sluice.engine.store.ShardLogHandle;
import io.sluice.kafka.testkit.KafkaBroker;
import io.sluice.storage.AppendRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A broker of its own per test, since each kills it. */
class KafkaShardLogStoreFailureTest {

    @Test
    void appendsFailWithTheProducersCauseWhenTheBrokerIsGone() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start();
             KafkaShardLogStore store = KafkaShardLogStore.open(new KafkaSettings(broker.bootstrapServers(),
                     Map.of("delivery.timeout.ms", "10000", "request.timeout.ms", "2000", "linger.ms", "0"),
                     "f.", (short) 1, "a"), 86_400_000L)) {
            ShardLogHandle log = store.open("123456789012/us-east-1/s-1/shardId-000000000000");
            AppendRecord record = new AppendRecord((byte) 0, new byte[] {'k'}, new byte[] {'v'});
            assertThat(store.append(log, List.of(record)).get(30, TimeUnit.SECONDS)).isZero();

            broker.kill();

            assertThat(store.append(log, List.of(record, record))).failsWithin(Duration.ofSeconds(60))
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(IOException.class)
                    .withMessageContaining("append of 2 records to f.stream.123456789012.us-east-1.s-1-0 failed")
                    .withCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
    }
    @Test
    void deletingALogFailsItsPendingAppendsAtOnce() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start();
             KafkaShardLogStore store = KafkaShardLogStore.open(new KafkaSettings(broker.bootstrapServers(),
                     Map.of("delivery.timeout.ms", "120000", "request.timeout.ms", "2000",
                             "default.api.timeout.ms", "3000"), "d.", (short) 1, "a"), 86_400_000L)) {
            ShardLogHandle log = store.open("123456789012/us-east-1/s-1/shardId-000000000000");
            AppendRecord record = new AppendRecord((byte) 0, new byte[] {'k'}, new byte[] {'v'});
            assertThat(store.append(log, List.of(record)).get(30, TimeUnit.SECONDS)).isZero();
            broker.kill();
            var pending = store.append(log, List.of(record));

            assertThatThrownBy(() -> store.delete(log.name())).isInstanceOf(IOException.class);

            assertThat(pending).failsWithin(Duration.ofSeconds(5))
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(IOException.class).withMessageContaining("shard log deleted");
        }
    }
}
