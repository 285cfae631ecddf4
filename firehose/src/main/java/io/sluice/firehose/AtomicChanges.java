package io.sluice.firehose;

import io.sluice.engine.store.MetaStore;
import io.sluice.engine.store.RetriedChanges;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Firehose's read-check-write changes of delivery streams (create, delete, update, tags, encryption), run as
 * {@link RetriedChanges}: atomic across nodes, retried when another node's change won (two nodes racing to create
 * one delivery stream give one success and one ResourceInUseException). A store failure, or conflicts that
 * outlast the retries, surface as {@link UncheckedIOException}.
 *
 * <p>Threading: thread-safe; never called from the store's watcher thread.
 */
final class AtomicChanges {

    private final RetriedChanges changes;

    AtomicChanges(MetaStore store) {
        this.changes = new RetriedChanges(store, "delivery stream");
    }

    <T> T run(MetaStore.Change<T> change) {
        try {
            return changes.run(change);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
