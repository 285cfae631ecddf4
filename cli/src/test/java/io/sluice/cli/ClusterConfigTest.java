package io.sluice.cli;

import io.sluice.server.ServerConfig;
import io.sluice.storage.kafka.KafkaSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The storage backend as the configuration file and the cluster flags choose it. */
class ClusterConfigTest {

    @TempDir
    Path dir;

    private ServerConfig load(String properties, ClusterFlags flags) throws Exception {
        Path file = dir.resolve("sluice.properties");
        Files.writeString(file, properties);
        return new ConfigLoader().load(file, null, null, null, null, null, null, null, flags);
    }

    @Test
    void theEmbeddedDefaultIsTheLocalBackend() throws Exception {
        ServerConfig config = new ConfigLoader().load(null, null, null, null, null);
        assertThat(config.clusterMode()).isFalse();
        assertThat(config.kafka()).isNull();
    }

    @Test
    void kafkaSettingsComeFromTheFileWithClientSettingsPassedThroughWithoutThePrefix() throws Exception {
        ServerConfig config = load("""
                storage.backend=kafka
                kafka.bootstrap-servers=k1:9092,k2:9092
                kafka.topic-prefix=prod.sluice.
                kafka.replication-factor=3
                kafka.usage-interval-ms=100
                kafka.security.protocol=SASL_SSL
                kafka.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="u";
                node.id=sluice-1
                kms.master-key-file=/etc/sluice/master.key
                """, ClusterFlags.NONE);
        KafkaSettings kafka = config.kafka();
        assertThat(config.clusterMode()).isTrue();
        assertThat(kafka.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(kafka.topicPrefix()).isEqualTo("prod.sluice.");
        assertThat(kafka.replicationFactor()).isEqualTo((short) 3);
        assertThat(kafka.nodeId()).isEqualTo("sluice-1");
        assertThat(kafka.usageInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(kafka.clientProperties()).isEqualTo(Map.of("security.protocol", "SASL_SSL",
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\";"));
    }

    @Test
    void flagsSelectKafkaAndWinOverTheFileAndDefaultsFillTheRest() throws Exception {
        ServerConfig config = load("kafka.bootstrap-servers=file:9092\nnode.id=from-file\nport=5001\n"
                        + "kms.master-key-file=/k\n",
                new ClusterFlags("kafka", "flag:9092", null));
        assertThat(config.kafka().bootstrapServers()).isEqualTo("flag:9092");
        assertThat(config.kafka().nodeId()).isEqualTo("from-file");
        assertThat(config.kafka().topicPrefix()).isEqualTo("sluice.");
        assertThat(config.kafka().replicationFactor()).isEqualTo((short) -1);
        assertThat(config.kafka().clientProperties()).isEmpty();

        ServerConfig named = load("kms.master-key-file=/k\nport=5001\n", new ClusterFlags("kafka", "b:9092", "n2"));
        assertThat(named.kafka().nodeId()).isEqualTo("n2");
        ServerConfig unnamed = load("kms.master-key-file=/k\nport=5001\n", new ClusterFlags("kafka", "b:9092", null));
        assertThat(unnamed.kafka().nodeId()).isEqualTo(ServerConfig.defaultNodeId(5001)).endsWith(":5001");
    }

    @Test
    void theServerCommandTakesTheClusterFlags() {
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs("--backend", "kafka", "--kafka-bootstrap", "k1:9092,k2:9092",
                "--node-id", "sluice-2");
        assertThat(new ClusterFlags(command.backend, command.kafkaBootstrap, command.nodeId))
                .isEqualTo(new ClusterFlags("kafka", "k1:9092,k2:9092", "sluice-2"));
        ServerCommand plain = new ServerCommand();
        new CommandLine(plain).parseArgs();
        assertThat(new ClusterFlags(plain.backend, plain.kafkaBootstrap, plain.nodeId)).isEqualTo(ClusterFlags.NONE);
    }

    @Test
    void kafkaWithoutAMasterKeyFileIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> load("storage.backend=kafka\nkafka.bootstrap-servers=k:9092\n", ClusterFlags.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kms.master-key-file");
    }

    @Test
    void kafkaWithoutBootstrapServersIsRefused() {
        assertThatThrownBy(() -> load("kms.master-key-file=/k\n", new ClusterFlags("kafka", null, null)))
                .hasMessageContaining("kafka.bootstrap-servers").hasMessageContaining("--kafka-bootstrap");
    }

    @Test
    void settingsSluiceMustOwnAreRefused() {
        assertThatThrownBy(() -> load("storage.backend=kafka\nkafka.bootstrap-servers=k:9092\n"
                + "kms.master-key-file=/k\nkafka.acks=1\n", ClusterFlags.NONE))
                .hasMessageContaining("kafka.acks");
        assertThatThrownBy(() -> load("storage.backend=kafka\nkafka.bootstrap.servers=k:9092\n"
                + "kms.master-key-file=/k\n", ClusterFlags.NONE))
                .hasMessageContaining("kafka.bootstrap-servers");
    }

    @Test
    void badBackendPrefixAndReplicationFactorAreRefusedByName() {
        assertThatThrownBy(() -> load("", new ClusterFlags("zookeeper", null, null)))
                .hasMessageContaining("storage.backend").hasMessageContaining("zookeeper");
        assertThatThrownBy(() -> load("kafka.replication-factor=0\nkms.master-key-file=/k\n",
                new ClusterFlags("kafka", "k:9092", null)))
                .hasMessageContaining("kafka.replication-factor");
        assertThatThrownBy(() -> load("kafka.topic-prefix=a/b\nkms.master-key-file=/k\n",
                new ClusterFlags("kafka", "k:9092", null)))
                .hasMessageContaining("kafka.topic-prefix");
        assertThatThrownBy(() -> load("kafka.usage-interval-ms=0\nkms.master-key-file=/k\n",
                new ClusterFlags("kafka", "k:9092", null)))
                .hasMessageContaining("kafka.usage-interval-ms");
    }

    @Test
    void theUsageIntervalDefaultsToTwoHundredMilliseconds() throws Exception {
        ServerConfig config = load("kms.master-key-file=/k\n", new ClusterFlags("kafka", "k:9092", null));

        assertThat(config.kafka().usageInterval()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void clusterSettingsOnTheLocalBackendAreRefusedSoAForgottenBackendIsNoticed() {
        assertThatThrownBy(() -> load("kafka.bootstrap-servers=k:9092\n", ClusterFlags.NONE))
                .hasMessageContaining("kafka.bootstrap-servers").hasMessageContaining("storage.backend");
        assertThatThrownBy(() -> load("", new ClusterFlags(null, "k:9092", null)))
                .hasMessageContaining("--backend kafka");
    }
}
