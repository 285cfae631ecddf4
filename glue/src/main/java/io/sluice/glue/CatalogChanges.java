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
 * another node's change won), and its lookups, which catch up with other nodes' changes before answering
 * EntityNotFoundException. A store failure, or conflicts that outlast the retries, surface as
 * {@link UncheckedIOException}.
 *
 * <p>Threading: thread-safe; a change started inside another on the same thread joins it.
 */
final class CatalogChanges {

    private final RetriedChanges changes;

    CatalogChanges(MetaStore store) {
        this.changes = new RetriedChanges(store, "Glue catalogue");
    }

    <T> T run(Supplier<T> change) {
        try {
            return changes.run(change::get);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What {@code lookup} finds, looking again after catching up with other nodes' changes if it found nothing.
     *
     * @throws ServiceException EntityNotFoundException with {@code notFound}'s message (which may itself throw a
     *                          more telling one, such as the table's database being missing)
     */
    <T> T found(Supplier<T> lookup, Supplier<String> notFound) {
        T value = lookup.get();
        if (value == null) {
            changes.catchUp();
            value = lookup.get();
        }
        if (value == null) {
            throw new ServiceException(ErrorType.ENTITY_NOT_FOUND, notFound.get());
        }
        return value;
    }
}
