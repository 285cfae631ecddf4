package io.sluice.server.analytics;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.analytics.app.ApplicationKey;
import io.sluice.analytics.app.ApplicationLimits;
import io.sluice.analytics.app.ApplicationRegistry;
import io.sluice.analytics.host.HostConfig;
import io.sluice.analytics.host.RecentRows;
import io.sluice.analytics.program.SqlCompiler;
import io.sluice.common.Clock;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.store.LocalMetaStore;
import io.sluice.engine.store.MetaStore;
import io.sluice.engine.task.TaskRunner;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.delivery.S3ObjectStore;
import io.sluice.firehose.processing.FunctionInvoker;
import io.sluice.server.analytics.io.AnalyticsRuntime;
import io.sluice.storage.MetadataStore;
import io.sluice.storage.StorageEvents;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Kinesis Data Analytics on a node: the application catalogue and each application's positions in a
 * {@link MetaStore} (on one node the local store {@code <data dir>/analytics/meta}, see {@link #localStore}; in
 * cluster mode the cluster's metadata store, shared with the stream engine), the runtime that runs applications on
 * the node's task runner, and the API in front of them. Applications stay RUNNING in the catalogue when the node
 * stops, so that {@link #resume} runs them again from where they stopped; in cluster mode every node runs a task
 * for every RUNNING application and the task placement decides which node steps it.
 *
 * <p><b>Threading</b>: open, resume and close from the server's start/stop thread; the service is thread-safe.
 */
public final class AnalyticsNode implements AutoCloseable {

    private final AnalyticsRuntime runtime;
    private final ApplicationRegistry registry;
    private final AnalyticsService service;

    private AnalyticsNode(AnalyticsRuntime runtime, ApplicationRegistry registry, AnalyticsService service) {
        this.runtime = runtime;
        this.registry = registry;
        this.service = service;
    }

    /**
     * The single node's catalogue store, {@code <data dir>/analytics/meta} (the same directory and format as before
     * the catalogue moved onto the {@link MetaStore} seam). The caller closes it after the node.
     */
    public static MetaStore localStore(Path dataDir, boolean truncateCorruptMetadata, StorageEvents storage)
            throws IOException {
        return new LocalMetaStore(new MetadataStore(dataDir.resolve("analytics").resolve("meta"),
                MetadataStore.DEFAULT_COMPACTION_BYTES, truncateCorruptMetadata, storage));
    }

    /**
     * @param metadata where the catalogue and positions live: {@link #localStore} on one node, the cluster's
     *                 metadata store in cluster mode; the caller closes it after this node
     * @param dataDir  the node's data directory: positions files older installs kept under
     *                 {@code analytics/positions} are moved into {@code metadata} when their application resumes
     * @param s3       Firehose's S3-compatible store (reference data and S3 samples are read from it), or null for
     *                 the local directory {@code localDir}
     * @param functionTimeout how long a Lambda pre-processor or destination may take to answer
     * @param namedFunctions invokes functions named by ARN (the Lambda Invoke API at {@code lambda.endpoint}), or
     *                       null to reach functions by URL only
     */
    public static AnalyticsNode open(MetaStore metadata, Path dataDir, long boundIntervalMillis,
                                     KinesisEngine kinesis, FirehoseEngine firehose, S3ObjectStore.Settings s3,
                                     Path localDir, Duration functionTimeout, FunctionInvoker namedFunctions,
                                     TaskRunner tasks, Clock clock, MeterRegistry meters) {
        SqlCompiler compiler = new DeferredCompiler();
        AnalyticsRuntime runtime = AnalyticsRuntime.create(kinesis, firehose, s3, localDir, functionTimeout,
                namedFunctions, tasks, clock, new HostConfig(dataDir.resolve("analytics").resolve("positions"), boundIntervalMillis,
                        HostConfig.DEFAULT_POLL_INTERVAL_MILLIS), metadata, compiler, meters);
        try {
            ApplicationRegistry registry = new ApplicationRegistry(metadata, compiler, runtime.runner(), clock,
                    ApplicationLimits.defaults());
            return new AnalyticsNode(runtime, registry,
                    new AnalyticsService(registry, kinesis, firehose, runtime.objects(), clock));
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    public AnalyticsService service() {
        return service;
    }

    /**
     * The last rows kept of one of an application's in-application streams (none when it wrote none since this
     * node started); ResourceNotFoundException for an application that does not exist. Thread-safe.
     */
    public RecentRows.Preview preview(ApplicationKey key, String stream) {
        registry.describe(key);
        return runtime.recentRows().of(key.arn(), stream);
    }

    /** Starts the applications that were running when the node stopped; call once the task runner runs. */
    public void resume() {
        registry.resume();
    }

    /**
     * Stops following other nodes, then stops every application here (each keeping its positions). The metadata
     * store stays open: its owner closes it.
     */
    @Override
    public void close() {
        registry.close();
        runtime.close();
    }
}
