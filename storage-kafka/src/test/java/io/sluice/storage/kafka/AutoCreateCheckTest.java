package io.sluice.storage.kafka;

import io.sluice.kafka.testkit.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading the brokers' auto.create.topics.enable, which decides the start-up warning. */
class AutoCreateCheckTest {

    static boolean autoCreates(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return AutoCreateCheck.autoCreates(admin, Duration.ofSeconds(30)).orElseThrow();
        }
    }

    /** The other side, a broker that does not (the test default), is in {@link KafkaMetaStoreTest}. */
    @Test
    void aBrokerThatCreatesTopicsOnFirstUseIsNoticed() {
        try (KafkaBroker creating = KafkaBroker.start(Map.of(AutoCreateCheck.SETTING, "true"))) {
            assertThat(autoCreates(creating.bootstrapServers())).isTrue();
        }
    }
}
