package io.sluice.storage.kafka;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogNameTest {

    @Test
    void aShardLogIsThePartitionOfItsShardIndexInTheStreamIncarnationsTopic() {
        LogName name = LogName.parse("sluice.", "123456789012/us-east-1/orders-1700000000000/shardId-000000000007");

        assertThat(name.topic()).isEqualTo("sluice.stream.123456789012.us-east-1.orders-1700000000000");
        assertThat(name.shardIndex()).isEqualTo(7);
        assertThat(name.name()).isEqualTo("123456789012/us-east-1/orders-1700000000000/shardId-000000000007");
    }

    @Test
    void namesWithoutAShardAreRefused() {
        assertThatThrownBy(() -> LogName.parse("p.", "123456789012/us-east-1/orders-1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogName.parse("p.", "shardId-000000000001"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogName.parse("p.", "/shardId-000000000001"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
