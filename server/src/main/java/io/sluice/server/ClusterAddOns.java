package io.sluice.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.common.Clock;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.crypto.LocalKms;
import io.sluice.engine.store.EngineStores;
import io.sluice.engine.task.TaskRunner;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.delivery.ReadableObjectStore;
import io.sluice.firehose.processing.FunctionInvoker;
import io.sluice.firehose.store.FirehoseStores;
import io.sluice.firehose.store.PrefixedMetaStore;
import io.sluice.glue.GlueCatalog;
import io.sluice.server.analytics.AnalyticsNode;
import io.sluice.server.firehose.FirehoseMetrics;
import io.sluice.server.firehose.KmsBufferSealer;


/**
 * Firehose and Kinesis Analytics in cluster mode (storage.backend=kafka). Firehose runs on the cluster backend's
 * stores: delivery streams, checkpoints, source positions and the wrapped data keys of its server-side encryption
 * under {@code firehose/} in the shared metadata, each delivery stream's buffer in a topic of its own, and each
 * delivery stream's worker on the node the task placement gives it to (moved, from its checkpoint, when that node
 * dies). Kinesis Data Analytics keeps its catalogue and each application's positions in the shared metadata too
 * ({@link AnalyticsNode}), and each application runs on the node the placement gives its task to. The destination
 * store is shared by every node when it is S3-compatible; a local directory destination is each node's own. From
 * the server's start/stop thread. The Glue Data Catalog keeps its databases and tables under {@code glue/} in the
 * shared metadata, so every node serves the same catalogue.
 */
final class ClusterAddOns {

    private ClusterAddOns() {
    }

    /**
     * Firehose and analytics on {@code stores} (the backend's, which the Kinesis engine owns and closes after
     * these).
     */
    static AddOnServices open(ServerConfig config, Clock clock, KinesisEngine engine, LocalKms kms, TaskRunner tasks,
                              MeterRegistry registry, EngineStores stores, FunctionInvoker namedFunctions) {
        ReadableObjectStore objects = AddOnServices.objectStore(config);
        KmsBufferSealer sealer = new KmsBufferSealer(kms,
                new PrefixedMetaStore(stores.metadata(), FirehoseStores.CLUSTER_PREFIX));
        FirehoseEngine firehose = null;
        try {
            GlueCatalog glue = new GlueCatalog(stores.metadata(), clock);
            firehose = new FirehoseEngine(FirehoseStores.shared(stores.metadata(), stores.logs()),
                    AddOnServices.firehoseConfig(config, glue), clock, engine, objects, new FirehoseMetrics(registry),
                    sealer, tasks, namedFunctions, AddOnServices.tableSchemas(glue));
            AnalyticsNode analytics = AnalyticsNode.open(stores.metadata(), config.dataDir(),
                    config.analyticsBoundIntervalMillis(), engine, firehose, config.firehoseS3(),
                    config.firehoseLocalDir(), config.firehose().requestTimeout(), namedFunctions, tasks, clock,
                    registry);
            return new AddOnServices(objects, sealer, firehose, analytics, null, glue, null);
        } catch (RuntimeException e) {
            if (firehose != null) {
                firehose.close();
            }
            objects.close();
            sealer.close();
            throw e;
        }
    }
}
