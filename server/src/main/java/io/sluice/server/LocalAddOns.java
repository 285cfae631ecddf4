package io.sluice.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.common.Clock;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.crypto.LocalKms;
import io.sluice.engine.store.LocalMetaStore;
import io.sluice.engine.store.MetaStore;
import io.sluice.engine.task.TaskRunner;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.delivery.ReadableObjectStore;
import io.sluice.firehose.processing.FunctionInvoker;
import io.sluice.glue.GlueCatalog;
import io.sluice.server.analytics.AnalyticsNode;
import io.sluice.server.firehose.FirehoseMetrics;
import io.sluice.server.firehose.KmsBufferSealer;
import io.sluice.server.metrics.StorageMetrics;
import io.sluice.storage.LogConfig;
import io.sluice.storage.MetadataStore;

import java.io.IOException;

/**
 * Firehose, Kinesis Analytics and the Glue Data Catalog on one node: the delivery streams' buffers and keys under
 * the Firehose data directory, the destination store (S3-compatible or a local directory), the analytics catalogue
 * and positions under the data directory, and the Glue catalogue in {@code <data dir>/glue/meta}. From the server's
 * start/stop thread.
 */
final class LocalAddOns {

    private LocalAddOns() {
    }

    static AddOnServices open(ServerConfig config, Clock clock, KinesisEngine engine, LocalKms kms, TaskRunner tasks,
                              MeterRegistry registry, StorageMetrics storage, FunctionInvoker namedFunctions)
            throws IOException {
        MetaStore glueMeta = new LocalMetaStore(new MetadataStore(config.dataDir().resolve("glue").resolve("meta"),
                MetadataStore.DEFAULT_COMPACTION_BYTES, config.truncateCorruptMetadata(), storage));
        GlueCatalog glue;
        FirehoseEngine firehose;
        ReadableObjectStore objects;
        KmsBufferSealer sealer;
        try {
            glue = new GlueCatalog(glueMeta, clock);
            objects = AddOnServices.objectStore(config);
            sealer = new KmsBufferSealer(kms, new LocalMetaStore(new MetadataStore(
                    config.firehose().dataDir().resolve("keys"), MetadataStore.DEFAULT_COMPACTION_BYTES,
                    config.truncateCorruptMetadata(), storage)));
            firehose = new FirehoseEngine(AddOnServices.firehoseConfig(config, glue).withBufferLog(
                    new LogConfig(16L << 20, 3_600_000, 4096, config.log().fsync())),
                    clock, engine, objects, new FirehoseMetrics(registry), sealer, tasks, storage, namedFunctions,
                    AddOnServices.tableSchemas(glue));
        } catch (IOException | RuntimeException e) {
            glueMeta.close();
            throw e;
        }
        MetaStore analyticsMeta = AnalyticsNode.localStore(config.dataDir(), config.truncateCorruptMetadata(),
                storage);
        AnalyticsNode analytics;
        try {
            analytics = AnalyticsNode.open(analyticsMeta, config.dataDir(), config.analyticsBoundIntervalMillis(),
                    engine, firehose, config.firehoseS3(), config.firehoseLocalDir(),
                    config.firehose().requestTimeout(), namedFunctions, tasks, clock, registry);
        } catch (RuntimeException e) {
            analyticsMeta.close();
            glueMeta.close();
            throw e;
        }
        return new AddOnServices(objects, sealer, firehose, analytics, analyticsMeta, glue, glueMeta);
    }
}
