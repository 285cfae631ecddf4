package io.sluice.server.analytics.io;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.analytics.app.ApplicationRunner;
import io.sluice.analytics.app.ObjectReader;
import io.sluice.analytics.host.HostConfig;
import io.sluice.analytics.host.HostServices;
import io.sluice.analytics.host.RecentRows;
import io.sluice.analytics.host.HostedApplicationRunner;
import io.sluice.analytics.host.KdaFormats;
import io.sluice.analytics.program.SqlCompiler;
import io.sluice.common.Clock;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.store.MetaStore;
import io.sluice.engine.task.TaskHost;
import io.sluice.engine.task.TaskRunner;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.delivery.LazyHttpClient;
import io.sluice.firehose.delivery.S3ObjectStore;
import io.sluice.firehose.processing.FunctionInvoker;
import io.sluice.firehose.processing.HttpFunctionInvoker;
import io.sluice.firehose.processing.RoutedFunctionInvoker;
import io.sluice.server.metrics.AnalyticsMetrics;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The server's analytics applications runtime: the {@link ApplicationRunner} wired to this server's streams,
 * delivery streams, object store (the same S3-compatible store, or local directory, Firehose writes to), Lambda
 * functions over HTTP, task runner and metrics; and the object reader reference data and schema discovery read
 * with. Close it after the API stops and before Firehose and the stream engine close: it stops every application
 * (each storing its positions), then closes its S3 client.
 *
 * <p><b>Threading</b>: thread-safe.
 */
public final class AnalyticsRuntime implements AutoCloseable {

    /** How many rows of each in-application stream are kept for the console's preview. */
    public static final int PREVIEW_ROWS = 50;

    private final HostedApplicationRunner runner;
    private final ObjectReader objects;
    private final AutoCloseable http;
    private final RecentRows recentRows;

    private AnalyticsRuntime(HostedApplicationRunner runner, ObjectReader objects, AutoCloseable http,
                             RecentRows recentRows) {
        this.runner = runner;
        this.objects = objects;
        this.http = http;
        this.recentRows = recentRows;
    }

    /**
     * As {@link #create(KinesisEngine, FirehoseEngine, S3ObjectStore.Settings, Path, FunctionInvoker, TaskRunner,
     * Clock, HostConfig, MetaStore, SqlCompiler, MeterRegistry)}, calling functions over an HTTP client of its own (opened on
     * first use, closed with the runtime) that waits at most {@code functionTimeout} for an answer, as Firehose's
     * Lambda processors do; functions named by ARN rather than URL go to {@code namedFunctions} (the Lambda Invoke
     * API at {@code lambda.endpoint}; null: by URL only).
     */
    public static AnalyticsRuntime create(KinesisEngine kinesis, FirehoseEngine firehose, S3ObjectStore.Settings s3,
                                          Path localDir, Duration functionTimeout, FunctionInvoker namedFunctions,
                                          TaskRunner tasks, Clock clock, HostConfig config, MetaStore meta,
                                          SqlCompiler compiler, MeterRegistry registry) {
        LazyHttpClient http = new LazyHttpClient(functionTimeout);
        return create(kinesis, firehose, s3, localDir,
                new RoutedFunctionInvoker(new HttpFunctionInvoker(http, functionTimeout), namedFunctions), tasks,
                clock, config, meta, compiler, registry, http);
    }

    /**
     * @param s3       the S3-compatible store Firehose delivers to, or null for the local directory
     * @param localDir the local directory destination's root (read when {@code s3} is null)
     * @param config   where older installs kept positions files ({@code <data dir>/analytics/positions}) and the
     *                 rowtime bound interval ({@code analytics.rowtime-bound-interval-ms})
     * @param meta     where positions are kept: the analytics catalogue's store
     */
    public static AnalyticsRuntime create(KinesisEngine kinesis, FirehoseEngine firehose, S3ObjectStore.Settings s3,
                                          Path localDir, FunctionInvoker functions, TaskRunner tasks, Clock clock,
                                          HostConfig config, MetaStore meta, SqlCompiler compiler,
                                          MeterRegistry registry) {
        return create(kinesis, firehose, s3, localDir, functions, tasks, clock, config, meta, compiler, registry,
                () -> { });
    }

    private static AnalyticsRuntime create(KinesisEngine kinesis, FirehoseEngine firehose, S3ObjectStore.Settings s3,
                                           Path localDir, FunctionInvoker functions, TaskRunner tasks, Clock clock,
                                           HostConfig config, MetaStore meta, SqlCompiler compiler,
                                           MeterRegistry registry, AutoCloseable http) {
        ObjectReader objects = s3 == null ? new LocalDirectoryObjectReader(localDir) : S3ObjectReader.connect(s3);
        RecentRows recentRows = new RecentRows(PREVIEW_ROWS);
        HostServices services = new HostServices(kinesis, new FirehoseDeliveryStreams(firehose), objects,
                new InvokerFunctionCaller(functions), new KdaFormats(), compiler, new AnalyticsMetrics(registry),
                clock, recentRows);
        return new AnalyticsRuntime(new HostedApplicationRunner(config, meta, services, TaskHost.on(tasks)), objects,
                http, recentRows);
    }

    public ApplicationRunner runner() {
        return runner;
    }

    /** The last rows of each running application's in-application streams, for the console's preview. */
    public RecentRows recentRows() {
        return recentRows;
    }

    /** Reads reference objects and S3 samples (DiscoverInputSchema) from Firehose's object store. */
    public ObjectReader objects() {
        return objects;
    }

    /** Stops every application (each storing its positions), then closes the S3 client and the HTTP client. */
    @Override
    public void close() {
        runner.close();
        try {
            if (objects instanceof AutoCloseable closeable) {
                closeable.close();
            }
            http.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the analytics clients failed", e);
        }
    }
}
