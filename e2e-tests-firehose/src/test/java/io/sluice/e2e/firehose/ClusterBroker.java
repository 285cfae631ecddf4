package io.sluice.e2e.firehose;

import io.sluice.kafka.testkit.KafkaBroker;

/**
 * The one Kafka broker of a test JVM whose Firehose suites run on a cluster: started the first time a test asks
 * for it, shared by every test class (each under topics of its own), and killed with its directory when the JVM
 * exits (by {@link KafkaBroker}'s own shutdown hook). Thread-safe: the holder's class initialisation starts it once.
 */
final class ClusterBroker {

    private ClusterBroker() {
    }

    static String bootstrapServers() {
        return Holder.BROKER.bootstrapServers();
    }

    private static final class Holder {
        static final KafkaBroker BROKER = KafkaBroker.start();
    }
}
