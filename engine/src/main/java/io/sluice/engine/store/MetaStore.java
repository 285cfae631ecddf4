package io.sluice.engine.store;

import java.io.IOException;
import java.util.Map;

/**
 * The engine's metadata: a small key-value map (streams, consumers, data keys, policies, account settings, the
 * token secret) whose every change is durable before the call returns. The engine reads it whole once at start
 * and keeps its own view; it reaches storage only through this interface, so a cluster backend (a compacted
 * Kafka topic, say) can stand in for the local {@link LocalMetaStore}.
 *
 * <p><b>Threading</b>: implementations are thread-safe. A {@link #put} or {@link #delete} may block on I/O.
 */
public interface MetaStore extends AutoCloseable {

    /** A copy of every entry, by key. */
    Map<String, byte[]> entries();

    /** The value of a key, or null. */
    byte[] get(String key);

    /** Stores a value; durable when this returns. */
    void put(String key, byte[] value) throws IOException;

    /** Removes a key (no-op if absent); durable when this returns. */
    void delete(String key) throws IOException;

    @Override
    void close();
}
