package io.sluice.cli.bench;

import java.util.List;

/** The consumers of a run, one per shard, whichever way they read. Driven by the thread running the bench. */
interface StreamReaders {

    /** Starts reading every shard; returns once each reader has its position, so that LATEST means "from now". */
    void start(List<String> shardIds) throws InterruptedException;

    /** True when every shard is read to its end: closed and read out, or the last answer was empty at the tip. */
    boolean caughtUp();

    void stop();
}
