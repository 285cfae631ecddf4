package io.sluice.firehose.store;

import io.sluice.engine.store.MetaStore;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A part of a shared {@link MetaStore}: the keys under one prefix (say {@code firehose/}), seen without it, so that
 * a component keeps its own key names in a metadata store it shares with the engine and other components. Watchers
 * see only changes under the prefix; atomic changes and syncs are the shared store's. Closing it leaves the shared
 * store open (its owner closes it).
 *
 * <p><b>Threading</b>: as the shared store's: thread-safe.
 */
public final class PrefixedMetaStore implements MetaStore {

    private final MetaStore shared;
    private final String prefix;

    public PrefixedMetaStore(MetaStore shared, String prefix) {
        this.shared = Objects.requireNonNull(shared, "shared");
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("a prefix must not be empty");
        }
        this.prefix = prefix;
    }

    @Override
    public Map<String, byte[]> entries() {
        Map<String, byte[]> mine = new HashMap<>();
        shared.entries().forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                mine.put(key.substring(prefix.length()), value);
            }
        });
        return mine;
    }

    @Override
    public byte[] get(String key) {
        return shared.get(prefix + key);
    }

    @Override
    public void put(String key, byte[] value) throws IOException {
        shared.put(prefix + key, value);
    }

    @Override
    public void delete(String key) throws IOException {
        shared.delete(prefix + key);
    }

    @Override
    public void watch(Watcher watcher) {
        shared.watch((key, value) -> {
            if (key.startsWith(prefix)) {
                watcher.changed(key.substring(prefix.length()), value);
            }
        });
    }

    @Override
    public <T> T atomically(Change<T> change) throws IOException {
        return shared.atomically(change);
    }

    @Override
    public CompletableFuture<Void> sync() {
        return shared.sync();
    }

    /** The shared store belongs to its owner: nothing to close here. */
    @Override
    public void close() {
    }
}
