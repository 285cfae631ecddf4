package io.sluice.storage.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Warns when the brokers create topics on first use ({@code auto.create.topics.enable=true}, Kafka's default): a
 * node that has not yet seen a stream's deletion may still append to it, and the broker would then create the
 * deleted stream's topic again, with the broker's defaults (CreateTime timestamps, the default retention) rather
 * than a stream topic's settings, left behind with the stray records. Sluice creates every topic it uses itself,
 * so it runs best on brokers with the setting off. A broker whose configuration cannot be read is not warned about.
 *
 * <p>Threading: stateless; blocks on the admin client for at most the timeout given.
 */
final class AutoCreateCheck {

    private static final Logger LOG = LoggerFactory.getLogger(AutoCreateCheck.class);
    static final String SETTING = "auto.create.topics.enable";

    private AutoCreateCheck() {
    }

    /** Whether a broker of the cluster creates topics on first use (empty if that could not be read). */
    static Optional<Boolean> autoCreates(Admin admin, Duration timeout) {
        try {
            Collection<Node> nodes = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (nodes.isEmpty()) {
                return Optional.empty();
            }
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER,
                    Integer.toString(nodes.iterator().next().id()));
            Config config = admin.describeConfigs(List.of(broker)).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(broker);
            ConfigEntry entry = config == null ? null : config.get(SETTING);
            return entry == null || entry.value() == null ? Optional.empty()
                    : Optional.of(Boolean.parseBoolean(entry.value()));
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("cannot read the brokers' {}", SETTING, e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Logs a warning if the brokers create topics on first use. */
    static void warnIfAutoCreating(Admin admin, Duration timeout) {
        if (autoCreates(admin, timeout).orElse(false)) {
            LOG.warn("the Kafka brokers have {}=true: a node that has not yet seen a stream's deletion could create "
                    + "the deleted stream's topic again with the broker's defaults by appending to it; set it to "
                    + "false on the brokers (Sluice creates the topics it needs itself)", SETTING);
        }
    }
}
