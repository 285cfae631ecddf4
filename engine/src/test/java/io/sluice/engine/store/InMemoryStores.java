package io.sluice.engine.store;

import io.sluice.common.Clock;
import io.sluice.storage.AppendRecord;
import io.sluice.storage.ReadResult;
import io.sluice.storage.StoredRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Store interfaces implemented in memory and nothing else, as a second backend would: proves the engine needs no
 * more of storage than the interfaces say. Appends are durable at once. Thread-safe through concurrent maps and
 * lists; a log's appends take turns on its lock so offsets stay dense.
 */
public final class InMemoryStores {

    private InMemoryStores() {
    }

    public static EngineStores create(Clock clock) {
        return new EngineStores(new Meta(), new Logs(clock));
    }

    public static Set<String> logNames(EngineStores stores) {
        return ((Logs) stores.logs()).logs.keySet();
    }

    private static final class Meta implements MetaStore {
        private final Map<String, byte[]> map = new ConcurrentHashMap<>();

        @Override
        public Map<String, byte[]> entries() {
            return new TreeMap<>(map);
        }

        @Override
        public byte[] get(String key) {
            return map.get(key);
        }

        @Override
        public void put(String key, byte[] value) {
            map.put(key, value.clone());
        }

        @Override
        public void delete(String key) {
            map.remove(key);
        }

        @Override
        public void close() {
        }
    }

    private static final class Logs implements ShardLogStore {
        private final Clock clock;
        private final Map<String, Log> logs = new ConcurrentHashMap<>();

        Logs(Clock clock) {
            this.clock = clock;
        }

        @Override
        public ShardLogHandle open(String name) {
            return logs.computeIfAbsent(name, Log::new);
        }

        @Override
        public void delete(String name) {
            logs.remove(name);
        }

        @Override
        public CompletableFuture<Long> append(ShardLogHandle log, List<AppendRecord> records) {
            Log target = (Log) log;
            target.appends.lock();
            try {
                long first = target.entries.size();
                for (AppendRecord record : records) {
                    target.entries.add(new StoredRecord(target.entries.size(), clock.millis(), record.flags(),
                            record.partitionKey(), record.data()));
                }
                return CompletableFuture.completedFuture(first);
            } finally {
                target.appends.unlock();
            }
        }

        /** Appends complete as they are made, so everything enqueued before is done once the lock is had. */
        @Override
        public CompletableFuture<Long> barrier(ShardLogHandle log) {
            Log target = (Log) log;
            target.appends.lock();
            try {
                return CompletableFuture.completedFuture((long) target.entries.size());
            } finally {
                target.appends.unlock();
            }
        }

        @Override
        public void close() {
        }
    }

    private record Log(String name, List<StoredRecord> entries, ReentrantLock appends) implements ShardLogHandle {

        Log(String name) {
            this(name, new CopyOnWriteArrayList<>(), new ReentrantLock());
        }

        @Override
        public long startOffset() {
            return 0;
        }

        @Override
        public long endOffset() {
            return entries.size();
        }

        @Override
        public ReadResult read(long fromOffset, int maxRecords, long maxBytes) {
            List<StoredRecord> out = new ArrayList<>();
            long next = Math.min(fromOffset, entries.size());
            while (next < entries.size() && out.size() < maxRecords) {
                out.add(entries.get((int) next++));
            }
            return new ReadResult(out, next);
        }

        @Override
        public long offsetForTimestamp(long timestampMillis) {
            return entries.stream().filter(e -> e.timestamp() >= timestampMillis).mapToLong(StoredRecord::offset)
                    .findFirst().orElse(entries.size());
        }

        @Override
        public int deleteSegmentsOlderThan(long cutoffMillis) {
            return 0;
        }
    }
}
