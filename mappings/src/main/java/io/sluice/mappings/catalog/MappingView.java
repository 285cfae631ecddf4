package io.sluice.mappings.catalog;

import io.sluice.engine.store.MetaStore;
import io.sluice.mappings.EventSourceMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This node's view of the mappings in the metadata store: loaded whole at start, then following the store's
 * watcher (other nodes' changes) and this node's own committed changes ({@link #refresh}). Each value it takes is
 * passed on to the {@link RuntimeFollower}. Changes the watcher reports while the view is still loading are parked
 * and read back from the store once it has loaded, so none is missed or applied out of order.
 *
 * <p><b>Threading</b>: reads ({@link #get}, {@link #all}) are lock-free from any thread. Updates (the watcher's
 * thread, {@link #refresh} on callers' threads) are serialised by a lock, which never waits for the store.
 */
final class MappingView {

    private static final Logger LOG = LoggerFactory.getLogger(MappingView.class);

    private final MetaStore store;
    private final RuntimeFollower follower;
    private final Map<String, EventSourceMapping> mappings = new ConcurrentHashMap<>();
    private final ReentrantLock updating = new ReentrantLock();
    /** Keys the watcher reported before the load finished; guarded by {@link #updating}. */
    private final List<String> parked = new ArrayList<>();
    private boolean loaded;

    /**
     * @throws io.sluice.common.UnsupportedFormatVersionException if a stored mapping has a format this Sluice
     *                                                            does not read (refusing to start is safer than
     *                                                            dropping a mapping)
     */
    MappingView(MetaStore store, RuntimeFollower follower) {
        this.store = store;
        this.follower = follower;
        // watch before reading, so a change applied in between is not missed; the watcher parks it until loaded
        store.watch(this::changed);
        for (Map.Entry<String, byte[]> entry : store.entries().entrySet()) {
            if (MappingCodec.isMappingKey(entry.getKey())) {
                EventSourceMapping m = MappingCodec.decode(entry.getKey(), entry.getValue());
                mappings.put(m.uuid(), m);
            }
        }
        updating.lock();
        try {
            loaded = true;
            for (String key : parked) {
                apply(key, store.get(key));
            }
            parked.clear();
        } finally {
            updating.unlock();
        }
    }

    EventSourceMapping get(String uuid) {
        return mappings.get(uuid);
    }

    Collection<EventSourceMapping> all() {
        return List.copyOf(mappings.values());
    }

    /** Takes what the store now holds for the mapping (this node's change just committed, or a newer one). */
    void refresh(String uuid) {
        String key = MappingCodec.key(uuid);
        updating.lock();
        try {
            apply(key, store.get(key));
        } finally {
            updating.unlock();
        }
    }

    private void changed(String key, byte[] value) {
        if (!MappingCodec.isMappingKey(key)) {
            return;
        }
        updating.lock();
        try {
            if (loaded) {
                apply(key, value);
            } else {
                parked.add(key);
            }
        } finally {
            updating.unlock();
        }
    }

    private void apply(String key, byte[] value) {
        String uuid = key.substring(MappingCodec.KEY_PREFIX.length());
        EventSourceMapping mapping;
        try {
            mapping = value == null ? null : MappingCodec.decode(key, value);
        } catch (IllegalStateException e) {
            LOG.error("ignoring a change of event source mapping {} this node cannot read", key, e);
            return;
        }
        if (mapping == null) {
            mappings.remove(uuid);
        } else {
            mappings.put(uuid, mapping);
        }
        follower.seen(uuid, mapping);
    }
}
