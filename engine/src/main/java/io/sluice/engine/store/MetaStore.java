package io.sluice.engine.store;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The engine's metadata: a small key-value map (streams, consumers, data keys, policies, account settings, the
 * token secret) whose every change is durable before the call returns. The engine reads it whole at start and
 * keeps its own view; it reaches storage only through this interface, so a cluster backend (a compacted Kafka
 * topic shared by every node) can stand in for the local {@link LocalMetaStore}.
 *
 * <p><b>Shared stores</b> (several nodes on one metadata log) add three things the local store does trivially:
 * <ul>
 *   <li>{@link #watch}: the store tells the engine about every change it applies from the log, so each node's
 *       view follows changes made on other nodes;</li>
 *   <li>{@link #atomically}: a read-check-write (does the stream exist? then create it) runs as one step with
 *       respect to every other node's atomic changes, so two nodes racing to create one stream give one success
 *       and one conflict;</li>
 *   <li>{@link #sync}: a barrier after which this node's view holds every change committed before the call.</li>
 * </ul>
 *
 * <p><b>Threading</b>: implementations are thread-safe. A {@link #put} or {@link #delete} may block on I/O.
 * Watchers are called from one store thread, in log order; a watcher may take the engine's own locks, so the
 * engine must never wait for that thread ({@link #sync}) while holding a lock a watcher takes.
 */
public interface MetaStore extends AutoCloseable {

    /** Told of each change the store applies from its shared log. */
    @FunctionalInterface
    interface Watcher {

        /**
         * A key now holds {@code value} (null: deleted). Called for changes made by other nodes and may be called
         * again for this node's own changes, so handling must be idempotent (set the view to the value).
         */
        void changed(String key, byte[] value);
    }

    /**
     * An atomic change lost to another node's change committed after this node read its view; the store has
     * already brought the view of every key the change touched back to the committed value. The caller retries
     * the change against the new view (or, if a retry can no longer succeed, answers as the check now says).
     */
    final class ConflictException extends IOException {
        public ConflictException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Work done inside {@link #atomically}. */
    @FunctionalInterface
    interface Change<T> {
        T run() throws IOException;
    }

    /** A copy of every entry, by key. */
    Map<String, byte[]> entries();

    /** The value of a key, or null. */
    byte[] get(String key);

    /** Stores a value; durable when this returns. Inside {@link #atomically}, part of that change. */
    void put(String key, byte[] value) throws IOException;

    /** Removes a key (no-op if absent); durable when this returns. Inside {@link #atomically}, part of it. */
    void delete(String key) throws IOException;

    /**
     * Registers a watcher of changes applied from a shared log. The local store has no other writer and never
     * calls it.
     */
    default void watch(Watcher watcher) {
    }

    /**
     * Runs {@code change} so that no other node's atomic change commits between the view it reads and the
     * puts and deletes it makes (on the calling thread); those become durable together when this returns. The
     * local store has one writer, the engine, which serialises its own changes: it just runs the change.
     *
     * @throws ConflictException another node's change won; nothing of this change was stored
     */
    default <T> T atomically(Change<T> change) throws IOException {
        return change.run();
    }

    /**
     * Completes once every change committed to the store before this call has been applied to this node's view
     * (and its watchers called). Already complete for the local store.
     */
    default CompletableFuture<Void> sync() {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    void close();
}
