package io.sluice.server.analytics;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.analytics.app.ApplicationLimits;
import io.sluice.analytics.app.ApplicationRegistry;
import io.sluice.analytics.host.HostConfig;
import io.sluice.analytics.program.SqlCompiler;
import io.sluice.common.Clock;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.task.TaskRunner;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.delivery.S3ObjectStore;
import io.sluice.server.analytics.io.AnalyticsRuntime;
import io.sluice.storage.MetadataStore;
import io.sluice.storage.StorageEvents;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Kinesis Data Analytics on one node: the application catalogue ({@code <data dir>/analytics/meta}), the runtime
 * that runs applications on this node's streams ({@code <data dir>/analytics/positions}), and the API in front of
 * them. Applications stay RUNNING in the catalogue when the node stops, so that {@link #resume} starts them again
 * from where they stopped.
 *
 * <p><b>Threading</b>: open, resume and close from the server's start/stop thread; the service is thread-safe.
 */
public final class AnalyticsNode implements AutoCloseable {

    private final MetadataStore metadata;
    private final AnalyticsRuntime runtime;
    private final ApplicationRegistry registry;
    private final AnalyticsService service;

    private AnalyticsNode(MetadataStore metadata, AnalyticsRuntime runtime, ApplicationRegistry registry,
                          AnalyticsService service) {
        this.metadata = metadata;
        this.runtime = runtime;
        this.registry = registry;
        this.service = service;
    }

    /**
     * @param s3       Firehose's S3-compatible store (reference data and S3 samples are read from it), or null for
     *                 the local directory {@code localDir}
     * @param functionTimeout how long a Lambda pre-processor or destination may take to answer
     */
    public static AnalyticsNode open(Path dataDir, long boundIntervalMillis, boolean truncateCorruptMetadata,
                                     StorageEvents storage, KinesisEngine kinesis, FirehoseEngine firehose,
                                     S3ObjectStore.Settings s3, Path localDir, Duration functionTimeout,
                                     TaskRunner tasks, Clock clock, MeterRegistry meters) throws IOException {
        MetadataStore metadata = new MetadataStore(dataDir.resolve("analytics").resolve("meta"),
                MetadataStore.DEFAULT_COMPACTION_BYTES, truncateCorruptMetadata, storage);
        try {
            SqlCompiler compiler = new DeferredCompiler();
            AnalyticsRuntime runtime = AnalyticsRuntime.create(kinesis, firehose, s3, localDir, functionTimeout, tasks,
                    clock, new HostConfig(dataDir.resolve("analytics").resolve("positions"), boundIntervalMillis,
                            HostConfig.DEFAULT_POLL_INTERVAL_MILLIS), compiler, meters);
            ApplicationRegistry registry = new ApplicationRegistry(metadata, compiler, runtime.runner(), clock,
                    ApplicationLimits.defaults());
            return new AnalyticsNode(metadata, runtime, registry,
                    new AnalyticsService(registry, kinesis, firehose, runtime.objects(), clock));
        } catch (RuntimeException e) {
            metadata.close();
            throw e;
        }
    }

    public AnalyticsService service() {
        return service;
    }

    /** Starts the applications that were running when the node stopped; call once the task runner runs. */
    public void resume() {
        registry.resume();
    }

    /** Stops every application (each keeping its positions) and closes the catalogue. */
    @Override
    public void close() {
        runtime.close();
        metadata.close();
    }
}
