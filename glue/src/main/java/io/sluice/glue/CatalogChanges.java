package io.sluice.glue;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.engine.store.MetaStore;
import io.sluice.engine.store.RetriedChanges;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * The catalogue's read-check-write changes, run as {@link RetriedChanges} (atomic across nodes, retried when
 * another node's change won), and its lookups, which catch up with other nodes' changes before they read. A store
 * failure, or conflicts that outlast the retries, surface as
 * {@link UncheckedIOException}.
 *
 * <p>Threading: thread-safe; a change started inside another on the same thread joins it.
 */
final class CatalogChanges {

    private final RetriedChanges changes;
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

    CatalogChanges(MetaStore store) {
        this.changes = new RetriedChanges(store, "Glue catalogue");
    }

    <T> T run(Supplier<T> change) {
        try {
            return changes.run(() -> {
                int[] d = depth.get();
                d[0]++;
                try {
                    return change.get();
                } finally {
                    d[0]--;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Catches up with every change other nodes committed before now (nothing to do inside a change). */
    void catchUp() {
        changes.catchUp();
    }

    /** Whether this thread is running a change (whose reads must see the store's view, see {@link CatalogStore}). */
    boolean inChange() {
        return depth.get()[0] > 0;
    }

    /**
     * What {@code lookup} finds once this node has caught up with other nodes' changes (so a table updated through
     * another node a moment ago is read as updated, not only one created there).
     *
     * @throws ServiceException EntityNotFoundException with {@code notFound}'s message (which may itself throw a
     *                          more telling one, such as the table's database being missing)
     */
    <T> T found(Supplier<T> lookup, Supplier<String> notFound) {
        changes.catchUp();
        T value = lookup.get();
        if (value == null) {
            throw new ServiceException(ErrorType.ENTITY_NOT_FOUND, notFound.get());
        }
        return value;
    }
}
