package io.sluice.server;

import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.delivery.ObjectStore;
import io.sluice.server.pipeline.Api;

import java.util.List;

/**
 * The APIs a node serves besides Kinesis (Firehose, Kinesis Analytics) and the background work behind them.
 * {@link LocalAddOns} serves them from the data directory; {@link ClusterAddOns} from the cluster backend's stores.
 * From the server's start/stop thread.
 */
interface AddOnServices extends AutoCloseable {

    /** The APIs, for the router (each is wrapped in the pipeline). */
    List<Api> apis();

    /** The delivery streams, for mappings' on-failure destinations. */
    FirehoseEngine firehose();

    /** The store Firehose's S3 destinations write to, for mappings' on-failure destinations. */
    ObjectStore objects();

    /** Starts the work that was running when the node stopped; called once the task runner runs. */
    void resume();

    /** Stops the work (each task checkpointed) and closes what the services opened. */
    @Override
    void close();
}
