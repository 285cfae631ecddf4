package io.sluice.analytics.app;

import io.sluice.engine.store.MetaStore;
import io.sluice.engine.store.RetriedChanges;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * The catalogue's read-check-write changes, run as {@link RetriedChanges}: atomic across nodes, retried when
 * another node's change won, so two nodes racing to create one application give one success and one
 * ResourceInUseException (the retry sees it exists). A store failure, or conflicts that outlast the retries,
 * surface as {@link UncheckedIOException}.
 *
 * <p><b>Threading</b>: thread-safe; a change started inside another on the same thread joins it.
 */
final class CatalogChanges {

    private final RetriedChanges changes;

    CatalogChanges(MetaStore store) {
        this.changes = new RetriedChanges(store, "analytics catalogue");
    }

    <T> T run(Supplier<T> change) {
        try {
            return changes.run(change::get);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Brings this node's view up to every change committed before now, before a lookup answers "not found" (an
     * application created through another node a moment ago); does nothing inside a change.
     */
    void catchUp() {
        changes.catchUp();
    }
}
