package io.sluice.e2e.kcl;

import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.retrieval.RetrievalConfig;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

import java.util.concurrent.TimeUnit;

/**
 * One KCL 3.x worker (a {@link Scheduler}) consuming a stream from TRIM_HORIZON into a {@link Deliveries}, with the
 * KCL's waits cut short so that leases, resharding and shutdown take seconds instead of minutes.
 */
final class KclWorker {

    enum Retrieval {
        /** The KCL's default: enhanced fan-out, SubscribeToShard over HTTP/2. */
        FAN_OUT,
        /** GetRecords in a loop. */
        POLLING
    }

    private static final long FAILOVER_MILLIS = 3_000;
    /** A shard sync sleeps this long after it created leases, and the worker's start waits for that. */
    private static final long SHARD_SYNC_MILLIS = 500;
    /** How often the leader assigns leases, among them the children of an ended shard. */
    private static final long LEASE_ASSIGNMENT_MILLIS = 1_000;
    /** How often a child's consumer looks whether its parents have checkpointed their end. */
    private static final long PARENT_SHARD_POLL_MILLIS = 500;
    /** How often the worker's loop starts consumers for leases it newly holds. */
    private static final long CONSUMER_DISPATCH_MILLIS = 200;
    /** The polling minimum the KCL allows. */
    private static final long IDLE_BETWEEN_READS_MILLIS = 200;

    private final Scheduler scheduler;
    private final Thread thread;

    private KclWorker(Scheduler scheduler, String application) {
        this.scheduler = scheduler;
        this.thread = new Thread(scheduler, "kcl-scheduler-" + application);
    }

    static KclWorker start(LocalClients clients, String stream, String application, Retrieval retrieval,
                           Deliveries deliveries) {
        ConfigsBuilder configs = new ConfigsBuilder(
                new SingleStreamTracker(stream,
                        InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON)),
                application, clients.kcl, clients.dynamoDb, clients.cloudWatch, application + "-worker",
                () -> new RecordingProcessor(deliveries));
        LeaseManagementConfig leases = configs.leaseManagementConfig()
                .failoverTimeMillis(FAILOVER_MILLIS)
                .shardSyncIntervalMillis(SHARD_SYNC_MILLIS)
                .leaseAssignmentIntervalMillis(LEASE_ASSIGNMENT_MILLIS);
        RetrievalConfig retrievalConfig = configs.retrievalConfig();
        if (retrieval == Retrieval.POLLING) {
            retrievalConfig.retrievalSpecificConfig(
                    new PollingConfig(stream, clients.kcl).idleTimeBetweenReadsInMillis(IDLE_BETWEEN_READS_MILLIS));
        }
        Scheduler scheduler = new Scheduler(
                configs.checkpointConfig(),
                configs.coordinatorConfig()
                        .parentShardPollIntervalMillis(PARENT_SHARD_POLL_MILLIS)
                        .shardConsumerDispatchPollIntervalMillis(CONSUMER_DISPATCH_MILLIS),
                leases,
                configs.lifecycleConfig(),
                // No CloudWatch here: a factory that drops every metric.
                configs.metricsConfig().metricsFactory(new NullMetricsFactory()),
                configs.processorConfig(),
                retrievalConfig);
        KclWorker worker = new KclWorker(scheduler, application);
        worker.thread.start();
        return worker;
    }

    /** Shuts down gracefully: processors get shutdownRequested and checkpoint, then the leases are given up. */
    void shutDownGracefully() throws Exception {
        // beyond 60 s: the KCL's LeaseAssignmentManager may take its own full 60 s before it forces its shutdown
        if (!scheduler.startGracefulShutdown().get(90, TimeUnit.SECONDS)) {
            throw new AssertionError("the KCL's graceful shutdown ended early");
        }
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }
}
