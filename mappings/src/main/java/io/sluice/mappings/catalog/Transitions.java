package io.sluice.mappings.catalog;

import io.sluice.engine.store.MetaStore;
import io.sluice.mappings.EventSourceMapping;
import io.sluice.mappings.MappingRuntime;
import io.sluice.mappings.MappingState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes a mapping's transitional state once this node's runtime has been told of the change: {@code Creating},
 * {@code Updating}, {@code Enabling} and {@code Disabling} become {@code Enabled} or {@code Disabled} (as the
 * settings say); {@code Deleting} stops the runtime, forgets the mapping's checkpoints, then removes the mapping.
 * Each finish is an atomic change that acts only if the stored mapping is still transitional, so nodes racing to
 * finish the same mapping (after a restart) finish it once. It runs on the given executor just after the call
 * that made the change, so the API answers with the transitional state and a read moments later sees the final
 * one; {@link MappingCatalog#resume} finishes the transitions a crash left behind. Finishing runs on the
 * catalogue's {@link SerialQueue}, after the runtime calls this node's view made for the change.
 *
 * <p><b>Threading</b>: thread-safe; failures are logged (the mapping stays transitional until the next resume).
 */
final class Transitions {

    private static final Logger LOG = LoggerFactory.getLogger(Transitions.class);

    private final MetaStore store;
    private final AtomicChanges changes;
    private final MappingView view;
    private final MappingRuntime runtime;
    private final SerialQueue queue;

    Transitions(MetaStore store, AtomicChanges changes, MappingView view, MappingRuntime runtime,
                SerialQueue queue) {
        this.store = store;
        this.changes = changes;
        this.view = view;
        this.runtime = runtime;
        this.queue = queue;
    }

    static boolean transitional(MappingState state) {
        return state != MappingState.ENABLED && state != MappingState.DISABLED;
    }

    /** Finishes the mapping's transition on the queue, after the runtime work queued before it. */
    void soon(String uuid) {
        queue.submit(() -> finish(uuid));
    }

    void finish(String uuid) {
        try {
            EventSourceMapping seen = read(uuid);
            if (seen == null || !transitional(seen.state())) {
                return;
            }
            if (seen.state() == MappingState.DELETING) {
                runtime.stop(uuid);
                runtime.forget(uuid);
            }
            changes.run(() -> {
                EventSourceMapping current = read(uuid);
                if (current != null && current.state() == MappingState.DELETING) {
                    store.delete(MappingCodec.key(uuid));
                } else if (current != null && transitional(current.state())) {
                    MappingState done = current.settings().enabled() ? MappingState.ENABLED : MappingState.DISABLED;
                    store.put(MappingCodec.key(uuid), MappingCodec.encode(new EventSourceMapping(current.uuid(),
                            current.account(), current.region(), current.functionArn(), current.eventSourceArn(),
                            current.settings(), done, current.stateTransitionReason(),
                            current.lastModifiedMillis(), current.tags())));
                }
                return null;
            });
            view.refresh(uuid);
        } catch (RuntimeException e) {
            LOG.error("finishing the transition of event source mapping {} failed; the next start retries it",
                    uuid, e);
        }
    }

    private EventSourceMapping read(String uuid) {
        String key = MappingCodec.key(uuid);
        byte[] value = store.get(key);
        return value == null ? null : MappingCodec.decode(key, value);
    }
}
