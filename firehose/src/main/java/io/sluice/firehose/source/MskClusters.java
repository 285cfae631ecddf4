package io.sluice.firehose.source;

import java.util.Map;
import java.util.Optional;

/**
 * Where the Kafka clusters MSKAsSource delivery streams read are: bootstrap servers by cluster name (the name in
 * an MSK cluster ARN, {@code arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>}), with a default for any
 * cluster not named. Immutable.
 *
 * @param byName           bootstrap servers ({@code host:port,...}) per cluster name
 * @param defaultBootstrap bootstrap servers for other clusters, or null for none
 */
public record MskClusters(Map<String, String> byName, String defaultBootstrap) {

    /** No cluster configured: MSKAsSource delivery streams are refused. */
    public static final MskClusters NONE = new MskClusters(Map.of(), null);

    public MskClusters {
        byName = Map.copyOf(byName);
    }

    /** The bootstrap servers of the cluster an ARN names, if configured. */
    public Optional<String> bootstrapServers(String clusterArn) {
        String name = clusterName(clusterArn);
        if (name != null && byName.containsKey(name)) {
            return Optional.of(byName.get(name));
        }
        return Optional.ofNullable(defaultBootstrap);
    }

    /** The cluster name of an MSK cluster ARN, or null if the ARN has no {@code cluster/<name>} resource. */
    public static String clusterName(String clusterArn) {
        int resource = clusterArn.indexOf(":cluster/");
        if (resource < 0) {
            return null;
        }
        String rest = clusterArn.substring(resource + ":cluster/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
