package io.sluice.server.console;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.common.Clock;
import io.sluice.engine.KinesisEngine;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.delivery.ErrorOutputReader;
import io.sluice.firehose.delivery.ReadableObjectStore;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.server.analytics.AnalyticsNode;
import io.sluice.server.http.ApiService;
import io.sluice.server.pipeline.Api;

import java.nio.file.Path;

/**
 * The web console of one node: its API (metrics history, live tail, server facts, Firehose error output,
 * analytics previews; served through the pipeline like every API), the sampler that keeps the metrics history, and
 * the assets in front of the API router. Open with {@link #start} when {@code console.enabled}; close once, after
 * the HTTP server stopped.
 */
public final class ConsoleNode implements AutoCloseable {

    private final ConsoleService service;
    private final MetricSampler sampler;

    private ConsoleNode(ConsoleService service, MetricSampler sampler) {
        this.service = service;
        this.sampler = sampler;
    }

    /**
     * @param logRoot     the local shard logs' root, or null in cluster mode
     * @param signedCalls whether callers must sign with a credentials file's keys
     * @param objects     the store Firehose's S3 destinations write to, where their error output is read back
     * @param analytics   the analytics applications, whose streams' last rows the console previews
     */
    public static ConsoleNode start(KinesisEngine engine, MeterRegistry registry, Clock clock, String backend,
                                    Path dataDir, Path logRoot, boolean fsync, LimitSettings limits,
                                    boolean signedCalls, FirehoseEngine firehose, ReadableObjectStore objects,
                                    AnalyticsNode analytics) {
        MetricHistory history = new MetricHistory(registry, MetricSampler.DEFAULT_POINTS);
        ServerFacts facts = new ServerFacts(engine, clock, clock.millis(), backend, dataDir, logRoot, fsync, limits,
                signedCalls);
        return new ConsoleNode(new ConsoleService(engine, history, facts,
                        new DeliveryStreamErrors(firehose, new ErrorOutputReader(objects)), analytics),
                MetricSampler.start(history, clock, MetricSampler.DEFAULT_INTERVAL));
    }

    /** The console's API, to be wrapped by the pipeline. */
    public Api api() {
        return service;
    }

    /** The console's pages at {@code /console}, in front of {@code router} for every other request. */
    public ApiService pages(ApiService router) {
        return new ConsoleAssets(router);
    }

    @Override
    public void close() {
        sampler.close();
    }
}
