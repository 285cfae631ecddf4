package io.sluice.kafka.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The child JVM's entry point (internal to {@link KafkaBroker}): formats the broker's storage if it is not yet
 * formatted, then runs {@code kafka.Kafka} in this JVM, which saves starting a second JVM for the storage tool.
 *
 * <p>Arguments: the {@code server.properties} path, the cluster id, the broker's directory. A watcher thread reads
 * standard input, a pipe from the parent test JVM; end of input means the parent is gone (even killed with
 * SIGKILL, when no shutdown hook runs), and then this JVM deletes the broker's directory and halts, so that no
 * broker outlives its tests.
 *
 * <p>Threading: {@code main} runs once on the JVM's main thread; the watcher is a daemon thread of its own.
 */
public final class BrokerMain {

    /** Exit status of a broker whose parent is gone. */
    static final int ORPHANED = 3;
    /** Exit status of a storage format that failed. */
    static final int FORMAT_FAILED = 4;

    private BrokerMain() {
    }

    public static void main(String[] args) {
        String serverProperties = args[0];
        String clusterId = args[1];
        Path directory = Path.of(args[2]);
        Thread watcher = new Thread(() -> haltWhenOrphaned(System.in, directory), "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
        int formatted = kafka.tools.StorageTool.execute(
                new String[] {"format", "--cluster-id", clusterId, "--config", serverProperties, "--ignore-formatted"},
                System.out);
        if (formatted != 0) {
            System.err.println("formatting the storage failed with status " + formatted);
            Runtime.getRuntime().halt(FORMAT_FAILED);
        }
        kafka.Kafka.main(new String[] {serverProperties});
    }

    private static void haltWhenOrphaned(InputStream fromParent, Path directory) {
        try {
            while (fromParent.read() >= 0) {
                // the parent writes nothing; any byte is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the same as its end
        }
        System.err.println("the parent JVM is gone: deleting " + directory + " and halting");
        Directories.deleteQuietly(directory);
        Runtime.getRuntime().halt(ORPHANED);
    }
}
