package io.sluice.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.common.Clock;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.crypto.LocalKms;
import io.sluice.engine.store.LocalMetaStore;
import io.sluice.engine.store.MetaStore;
import io.sluice.engine.task.TaskRunner;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import io.sluice.firehose.delivery.ObjectStore;
import io.sluice.firehose.delivery.S3ObjectStore;
import io.sluice.firehose.processing.FunctionInvoker;
import io.sluice.server.analytics.AnalyticsNode;
import io.sluice.server.firehose.FirehoseMetrics;
import io.sluice.server.firehose.FirehoseService;
import io.sluice.server.firehose.KmsBufferSealer;
import io.sluice.server.metrics.StorageMetrics;
import io.sluice.server.pipeline.Api;
import io.sluice.storage.LogConfig;
import io.sluice.storage.MetadataStore;

import java.io.IOException;
import java.util.List;

/**
 * Firehose and Kinesis Analytics on one node: the delivery streams' buffers and keys under the Firehose data
 * directory, the destination store (S3-compatible or a local directory), and the analytics catalogue and
 * positions under the data directory. From the server's start/stop thread.
 */
final class LocalAddOns implements AddOnServices {

    private final ObjectStore objects;
    private final KmsBufferSealer sealer;
    private final FirehoseEngine firehose;
    private final MetaStore analyticsMeta;
    private final AnalyticsNode analytics;

    private LocalAddOns(ObjectStore objects, KmsBufferSealer sealer, FirehoseEngine firehose,
                        MetaStore analyticsMeta, AnalyticsNode analytics) {
        this.objects = objects;
        this.sealer = sealer;
        this.firehose = firehose;
        this.analyticsMeta = analyticsMeta;
        this.analytics = analytics;
    }

    static LocalAddOns open(ServerConfig config, Clock clock, KinesisEngine engine, LocalKms kms, TaskRunner tasks,
                            MeterRegistry registry, StorageMetrics storage, FunctionInvoker namedFunctions)
            throws IOException {
        ObjectStore objects = config.firehoseS3() == null
                ? new LocalDirectoryObjectStore(config.firehoseLocalDir())
                : S3ObjectStore.connect(config.firehoseS3());
        KmsBufferSealer sealer = new KmsBufferSealer(kms, new LocalMetaStore(new MetadataStore(
                config.firehose().dataDir().resolve("keys"), MetadataStore.DEFAULT_COMPACTION_BYTES,
                config.truncateCorruptMetadata(), storage)));
        FirehoseEngine firehose = new FirehoseEngine(config.firehose().withBufferLog(
                new LogConfig(16L << 20, 3_600_000, 4096, config.log().fsync())),
                clock, engine, objects, new FirehoseMetrics(registry), sealer, tasks, storage, namedFunctions);
        MetaStore analyticsMeta = AnalyticsNode.localStore(config.dataDir(), config.truncateCorruptMetadata(),
                storage);
        AnalyticsNode analytics;
        try {
            analytics = AnalyticsNode.open(analyticsMeta, config.dataDir(), config.analyticsBoundIntervalMillis(),
                    engine, firehose, config.firehoseS3(), config.firehoseLocalDir(),
                    config.firehose().requestTimeout(), namedFunctions, tasks, clock, registry);
        } catch (RuntimeException e) {
            analyticsMeta.close();
            throw e;
        }
        return new LocalAddOns(objects, sealer, firehose, analyticsMeta, analytics);
    }

    @Override
    public List<Api> apis() {
        return List.of(new FirehoseService(firehose), analytics.service());
    }

    @Override
    public FirehoseEngine firehose() {
        return firehose;
    }

    @Override
    public ObjectStore objects() {
        return objects;
    }

    @Override
    public void resume() {
        analytics.resume();
    }

    /** Applications read streams and delivery streams, and Firehose reads the Kinesis engine: they close first. */
    @Override
    public void close() {
        analytics.close();
        analyticsMeta.close();
        firehose.close();
        objects.close();
        sealer.close();
    }
}
