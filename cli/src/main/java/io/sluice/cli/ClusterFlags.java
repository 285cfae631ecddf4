package io.sluice.cli;

/**
 * The cluster-mode flags of {@code sluice server}; each null when not given (the configuration file, then the
 * default, decides).
 *
 * @param backend        {@code --backend}: {@code local} or {@code kafka}
 * @param kafkaBootstrap {@code --kafka-bootstrap}: {@code host:port[,host:port...]}
 * @param nodeId         {@code --node-id}
 */
record ClusterFlags(String backend, String kafkaBootstrap, String nodeId) {

    /** No cluster flags given. */
    static final ClusterFlags NONE = new ClusterFlags(null, null, null);
}
