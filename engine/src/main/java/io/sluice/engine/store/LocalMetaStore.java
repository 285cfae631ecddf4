package io.sluice.engine.store;

import io.sluice.storage.MetadataStore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The {@link MetaStore} of one node: storage's {@link MetadataStore} in a directory. Thread-safe, as it is. */
public final class LocalMetaStore implements MetaStore {

    private final MetadataStore store;

    public LocalMetaStore(MetadataStore store) {
        this.store = store;
    }

    /** Opens (or creates, or recovers) the store in {@code dir}. */
    public static LocalMetaStore open(Path dir) throws IOException {
        return new LocalMetaStore(new MetadataStore(dir));
    }

    @Override
    public Map<String, byte[]> entries() {
        return store.entries();
    }

    @Override
    public byte[] get(String key) {
        return store.get(key);
    }

    @Override
    public void put(String key, byte[] value) throws IOException {
        store.put(key, value);
    }

    @Override
    public void delete(String key) throws IOException {
        store.delete(key);
    }

    @Override
    public void close() {
        store.close();
    }
}
