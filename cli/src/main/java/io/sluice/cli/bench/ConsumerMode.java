package io.sluice.cli.bench;

/** How the bench reads the stream while it writes. */
enum ConsumerMode {
    /** No reader: the run measures ingest only. */
    NONE,
    /** One GetRecords loop per shard. */
    POLLING,
    /**
     * A registered consumer and SubscribeToShard per shard (enhanced fan-out) over HTTP/1.1, which Sluice serves;
     * refused with a clear message by endpoints without fan-out. AWS serves SubscribeToShard over HTTP/2 only.
     */
    FANOUT
}
