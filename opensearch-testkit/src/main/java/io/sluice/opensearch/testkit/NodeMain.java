package io.sluice.opensearch.testkit;

import org.opensearch.Version;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.Node;
import org.opensearch.plugins.PluginInfo;
import org.opensearch.transport.Netty4ModulePlugin;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * The child JVM's main class: starts one single-node OpenSearch cluster with its home in {@code args[0]}, HTTP on
 * loopback port {@code args[1]}, and the netty4 transport loaded as a classpath plugin (a distribution loads it
 * from its modules folder, which a Maven classpath does not have). Prints {@code STARTED} when the node is up,
 * and halts when its standard input closes: the parent JVM is gone, even when it was killed with SIGKILL.
 *
 * <p>{@link Node}'s constructor that takes classpath plugins is protected; it is called by reflection rather than
 * through OpenSearch's test framework, whose MockNode insists on running inside a randomized-testing runner.
 */
public final class NodeMain {

    private NodeMain() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Settings settings = Settings.builder()
                .put("path.home", home.toString())
                .put("cluster.name", "sluice-test")
                .put("node.name", "node-1")
                .put("network.host", "127.0.0.1")
                .put("http.port", args[1])
                .put("transport.port", "0")
                .put("discovery.type", "single-node")
                .put("http.type", "netty4")
                .put("transport.type", "netty4")
                // a test machine's disk is often fuller than the default watermarks allow
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .build();
        PluginInfo netty = new PluginInfo("transport-netty4", "netty4 transport", Version.CURRENT.toString(),
                Version.CURRENT, "21", Netty4ModulePlugin.class.getName(), null, List.of(), false);
        Constructor<Node> constructor = Node.class.getDeclaredConstructor(Environment.class, Collection.class,
                boolean.class);
        constructor.setAccessible(true);
        Node node = constructor.newInstance(new Environment(settings, null), List.of(netty), true);
        node.start();
        System.out.println("STARTED");
        System.out.flush();
        Thread watcher = new Thread(() -> haltWhenOrphaned(System.in), "parent-watcher");
        watcher.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (IOException e) {
                System.err.println("closing the node failed: " + e);
            }
        }));
    }

    private static void haltWhenOrphaned(InputStream fromParent) {
        try {
            while (fromParent.read() >= 0) {
                // the parent never writes; read returns -1 once its end of the pipe is closed
            }
        } catch (IOException e) {
            // the pipe broke: the parent is gone as well
        }
        System.err.println("the parent JVM is gone: halting");
        Runtime.getRuntime().halt(3);
    }
}
