package io.sluice.testkit;

import io.sluice.kafka.testkit.KafkaBroker;

/**
 * The one Kafka broker of a test JVM that runs the end-to-end suites on a cluster: started the first time a test
 * asks for it, shared by every test class (each under topics of its own), and killed with its directory when the
 * JVM exits (by {@link KafkaBroker}'s own shutdown hook).
 *
 * <p>Threading: {@link #get()} may be called from any thread; the holder class's initialisation (which the JVM
 * runs once, under its own lock) makes the start happen once.
 */
final class SharedKafkaBroker {

    private SharedKafkaBroker() {
    }

    static KafkaBroker get() {
        return Holder.BROKER;
    }

    private static final class Holder {
        static final KafkaBroker BROKER = KafkaBroker.start();
    }
}
