package io.sluice.mappings.catalog;

import io.sluice.engine.store.MetaStore;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A one-node metadata store in memory (the local store's contract: one writer, no watchers). */
final class InMemoryMetaStore implements MetaStore {

    private final Map<String, byte[]> entries = new ConcurrentHashMap<>();

    @Override
    public Map<String, byte[]> entries() {
        return new HashMap<>(entries);
    }

    @Override
    public byte[] get(String key) {
        return entries.get(key);
    }

    @Override
    public void put(String key, byte[] value) {
        entries.put(key, value);
    }

    @Override
    public void delete(String key) {
        entries.remove(key);
    }

    @Override
    public void close() {
    }
}
