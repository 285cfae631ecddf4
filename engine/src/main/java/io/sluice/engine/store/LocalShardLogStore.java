package io.sluice.engine.store;

import io.sluice.common.Clock;
import io.sluice.storage.AppendRecord;
import io.sluice.storage.LogConfig;
import io.sluice.storage.LogStore;
import io.sluice.storage.ReadResult;
import io.sluice.storage.ShardLog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link ShardLogStore} of one node: storage's {@link LogStore} (segment files, one group-commit thread)
 * under a directory. Thread-safe, as the log store is.
 */
public final class LocalShardLogStore implements ShardLogStore {

    private final LogStore logs;

    public LocalShardLogStore(LogStore logs) {
        this.logs = logs;
    }

    /** Opens the logs under {@code root}, starting the group-commit thread. */
    public static LocalShardLogStore open(Path root, LogConfig config, Clock clock) throws IOException {
        return new LocalShardLogStore(new LogStore(root, config, clock));
    }

    @Override
    public ShardLogHandle open(String name) throws IOException {
        return new Local(logs.open(name));
    }

    @Override
    public void delete(String name) throws IOException {
        logs.delete(name);
    }

    @Override
    public CompletableFuture<Long> append(ShardLogHandle log, List<AppendRecord> records) {
        return logs.append(local(log), records);
    }

    @Override
    public CompletableFuture<Long> barrier(ShardLogHandle log) {
        return logs.barrier(local(log));
    }

    @Override
    public void close() {
        logs.close();
    }

    /** The storage log behind a handle this store opened. */
    static ShardLog local(ShardLogHandle log) {
        if (log instanceof Local local) {
            return local.log();
        }
        throw new IllegalArgumentException("not a log of this store: " + log.name());
    }

    /** A storage log as a handle; two handles on the same log are equal. */
    private record Local(ShardLog log) implements ShardLogHandle {

        @Override
        public String name() {
            return log.name();
        }

        @Override
        public long startOffset() {
            return log.startOffset();
        }

        @Override
        public long endOffset() {
            return log.endOffset();
        }

        @Override
        public ReadResult read(long fromOffset, int maxRecords, long maxBytes) throws IOException {
            return log.read(fromOffset, maxRecords, maxBytes);
        }

        @Override
        public long offsetForTimestamp(long timestampMillis) throws IOException {
            return log.offsetForTimestamp(timestampMillis);
        }

        @Override
        public int deleteSegmentsOlderThan(long cutoffMillis) throws IOException {
            return log.deleteSegmentsOlderThan(cutoffMillis);
        }
    }
}
