package io.sluice.kafka.testkit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits until a launched broker serves clients: its client listener answers {@code DescribeCluster} with itself
 * among the live brokers, which a KRaft broker does only once the controller has unfenced it (it can then host
 * partitions). Fails fast when the broker's JVM exits.
 *
 * <p>Threading: a single call at a time per instance; stateless between calls.
 */
final class BrokerReadiness {

    private static final long ATTEMPT_MILLIS = 1_000;

    private BrokerReadiness() {
    }

    static void await(BrokerSetup setup, BrokerProcess process, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, setup.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ATTEMPT_MILLIS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ATTEMPT_MILLIS,
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 20,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 100,
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 20,
                AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 100);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new KafkaBrokerException("the broker's JVM exited with status " + process.exitValue()
                            + " before it was ready; end of " + setup.logFile() + ":\n"
                            + BrokerProcess.logTail(setup, 40));
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new KafkaBrokerException("the broker was not ready within " + timeoutMillis
                            + " ms; end of " + setup.logFile() + ":\n" + BrokerProcess.logTail(setup, 40));
                }
                if (servesItself(admin)) {
                    return;
                }
            }
        }
    }

    private static boolean servesItself(Admin admin) {
        try {
            Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions()
                    .timeoutMs((int) ATTEMPT_MILLIS)).nodes().get(ATTEMPT_MILLIS * 2, TimeUnit.MILLISECONDS);
            return nodes.stream().anyMatch(node -> node.id() == BrokerSetup.NODE_ID);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaBrokerException("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
