package io.sluice.mappings.catalog;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.engine.store.MetaStore;
import io.sluice.engine.store.RetriedChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The catalogue's read-check-write changes (the duplicate check and the put of a new mapping, an update, a state
 * transition), run as {@link RetriedChanges}: atomic across nodes, retried when another node's change won. A
 * storage failure is logged with its cause and, like conflicts that outlast the retries, answered as Lambda's
 * ServiceException.
 *
 * <p><b>Threading</b>: thread-safe.
 */
final class AtomicChanges {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicChanges.class);

    private final RetriedChanges changes;

    AtomicChanges(MetaStore store) {
        this.changes = new RetriedChanges(store, "event source mapping");
    }

    <T> T run(MetaStore.Change<T> change) {
        try {
            return changes.run(change);
        } catch (MetaStore.ConflictException e) {
            throw new ServiceException(ErrorType.LAMBDA_SERVICE,
                    "The change conflicted with concurrent changes; retry it.");
        } catch (IOException e) {
            LOG.error("storing an event source mapping change failed", e);
            throw new ServiceException(ErrorType.LAMBDA_SERVICE, "The metadata store failed: " + e.getMessage());
        }
    }
}
