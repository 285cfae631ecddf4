package io.sluice.engine.limits;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@link UsageExchange} among the nodes of one test, stepped by hand: {@link #node()} gives each node its end,
 * and each {@link #exchange()} is one interval's round, in which every node's usage since the last round reaches
 * every other node (never itself). No threads and no timing: tests decide when a round happens on their manual
 * clock. Threading: thread-safe, though tests step it from one thread.
 */
public final class InMemoryUsageExchange {

    private final List<Node> nodes = new CopyOnWriteArrayList<>();

    /** A new node's end of the exchange. */
    public UsageExchange node() {
        Node node = new Node();
        nodes.add(node);
        return node;
    }

    /** One round: each started, open node's usage goes to every other started, open node. */
    public void exchange() {
        for (Node from : nodes) {
            if (!from.live()) {
                continue;
            }
            List<ShardUsage> report = from.local.get();
            if (report.isEmpty()) {
                continue;
            }
            for (Node to : nodes) {
                if (to != from && to.live()) {
                    to.remote.accept(report);
                }
            }
        }
    }

    /** Hands a report to every started, open node, as from a node outside the test. */
    public void deliver(List<ShardUsage> report) {
        for (Node to : nodes) {
            if (to.live()) {
                to.remote.accept(report);
            }
        }
    }

    private static final class Node implements UsageExchange {

        private volatile Supplier<List<ShardUsage>> local;
        private volatile Consumer<List<ShardUsage>> remote;
        private volatile boolean closed;

        @Override
        public void start(Supplier<List<ShardUsage>> local, Consumer<List<ShardUsage>> remote) {
            this.local = local;
            this.remote = remote;
        }

        @Override
        public void close() {
            closed = true;
        }

        boolean live() {
            return local != null && !closed;
        }
    }
}
