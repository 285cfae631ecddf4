package io.sluice.analytics.host;

import java.util.List;

/**
 * Reads an application input's source, from the positions it was opened at, in order per shard.
 *
 * <p><b>Threading</b>: single-threaded, the application's task.
 */
interface InputReader extends AutoCloseable {

    /** The next records, at most {@code max}; empty when the input is caught up. */
    Read read(int max);

    /** How far behind the newest record of the source the last read was, in milliseconds. */
    long millisBehindLatest();

    @Override
    void close();

    /**
     * @param ended shards read to their end (closed by a reshard) by this read
     */
    record Read(List<SourceRecord> records, List<String> ended) {
    }
}
