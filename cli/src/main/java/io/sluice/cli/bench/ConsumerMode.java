package io.sluice.cli.bench;

/** How the bench reads the stream while it writes. */
enum ConsumerMode {
    /** No reader: the run measures ingest only. */
    NONE,
    /** One GetRecords loop per shard. */
    POLLING,
    /** SubscribeToShard per shard (enhanced fan-out); refused unless the endpoint serves it. */
    FANOUT
}
