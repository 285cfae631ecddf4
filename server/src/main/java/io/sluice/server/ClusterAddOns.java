package io.sluice.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.common.Clock;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.crypto.LocalKms;
import io.sluice.engine.store.EngineStores;
import io.sluice.engine.task.TaskRunner;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import io.sluice.firehose.delivery.ObjectStore;
import io.sluice.firehose.delivery.S3ObjectStore;
import io.sluice.firehose.processing.FunctionInvoker;
import io.sluice.firehose.store.FirehoseStores;
import io.sluice.firehose.store.PrefixedMetaStore;
import io.sluice.server.analytics.AnalyticsNode;
import io.sluice.server.firehose.FirehoseMetrics;
import io.sluice.server.firehose.FirehoseService;
import io.sluice.server.firehose.KmsBufferSealer;
import io.sluice.server.pipeline.Api;

import java.util.List;

/**
 * Firehose and Kinesis Analytics in cluster mode (storage.backend=kafka). Firehose runs on the cluster backend's
 * stores: delivery streams, checkpoints, source positions and the wrapped data keys of its server-side encryption
 * under {@code firehose/} in the shared metadata, each delivery stream's buffer in a topic of its own, and each
 * delivery stream's worker on the node the task placement gives it to (moved, from its checkpoint, when that node
 * dies). Kinesis Data Analytics keeps its catalogue and each application's positions in the shared metadata too
 * ({@link AnalyticsNode}), and each application runs on the node the placement gives its task to. The destination
 * store is shared by every node when it is S3-compatible; a local directory destination is each node's own. From
 * the server's start/stop thread.
 */
final class ClusterAddOns implements AddOnServices {

    private final ObjectStore objects;
    private final KmsBufferSealer sealer;
    private final FirehoseEngine firehose;
    private final AnalyticsNode analytics;

    private ClusterAddOns(ObjectStore objects, KmsBufferSealer sealer, FirehoseEngine firehose,
                          AnalyticsNode analytics) {
        this.objects = objects;
        this.sealer = sealer;
        this.firehose = firehose;
        this.analytics = analytics;
    }

    /**
     * Firehose and analytics on {@code stores} (the backend's, which the Kinesis engine owns and closes after
     * these).
     */
    static ClusterAddOns open(ServerConfig config, Clock clock, KinesisEngine engine, LocalKms kms, TaskRunner tasks,
                              MeterRegistry registry, EngineStores stores, FunctionInvoker namedFunctions) {
        ObjectStore objects = config.firehoseS3() == null
                ? new LocalDirectoryObjectStore(config.firehoseLocalDir())
                : S3ObjectStore.connect(config.firehoseS3());
        KmsBufferSealer sealer = new KmsBufferSealer(kms,
                new PrefixedMetaStore(stores.metadata(), FirehoseStores.CLUSTER_PREFIX));
        FirehoseEngine firehose = null;
        try {
            firehose = new FirehoseEngine(FirehoseStores.shared(stores.metadata(), stores.logs()),
                    config.firehose(), clock, engine, objects, new FirehoseMetrics(registry), sealer, tasks,
                    namedFunctions);
            AnalyticsNode analytics = AnalyticsNode.open(stores.metadata(), config.dataDir(),
                    config.analyticsBoundIntervalMillis(), engine, firehose, config.firehoseS3(),
                    config.firehoseLocalDir(), config.firehose().requestTimeout(), namedFunctions, tasks, clock, registry);
            return new ClusterAddOns(objects, sealer, firehose, analytics);
        } catch (RuntimeException e) {
            if (firehose != null) {
                firehose.close();
            }
            objects.close();
            sealer.close();
            throw e;
        }
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

    /**
     * Starts a task for every RUNNING application (delivery streams' workers started with their engine); the
     * placement decides where each steps.
     */
    @Override
    public void resume() {
        analytics.resume();
    }

    /**
     * Stops the applications, then the delivery workers (each checkpointed where this node owns it); the backend's
     * stores stay open.
     */
    @Override
    public void close() {
        analytics.close();
        firehose.close();
        objects.close();
        sealer.close();
    }
}
