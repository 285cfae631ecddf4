package io.sluice.analytics.app;

import io.sluice.engine.store.MetaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The applications, kept in memory and in the {@link MetaStore} under {@code application/<account>/<region>/<name>},
 * each in the versioned JSON form of {@link ApplicationMetaCodec} (as Firehose keeps its delivery streams). On one
 * node the store is a local store in {@code <data dir>/analytics/meta} and the store's own recovery applies (a torn
 * last journal record is cut, a corrupt earlier one stops the start); an entry this code cannot decode stops the
 * start naming its key, never silently dropping an application. In a cluster the store is the cluster's, and the
 * view follows the changes other nodes make through the store's watcher, telling {@code changed} of each
 * application whose entry changed (a value that cannot be decoded there is logged and leaves the view as it was).
 *
 * <p>Threading: reads from any thread, without locks; {@link #put} and {@link #remove} only inside a
 * {@link CatalogChanges} change, so that the store and the map agree. A change is durable when the change that made
 * it returns. The watcher runs on the store's thread and only updates the map and calls {@code changed}.
 */
final class ApplicationStore {

    static final String PREFIX = "application/";
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationStore.class);

    private final ApplicationMetaCodec codec = new ApplicationMetaCodec();
    private final MetaStore store;
    private final Consumer<ApplicationKey> changed;
    private final ConcurrentSkipListMap<String, Application> applications = new ConcurrentSkipListMap<>();
    /** Guards the hand-over of changes the store applied while the view was still loading. */
    private final ReentrantLock loading = new ReentrantLock();
    private final List<String> parked = new ArrayList<>();
    private boolean loaded;

    /** @param changed told (on the store's thread) of each application another node may have changed */
    ApplicationStore(MetaStore store, Consumer<ApplicationKey> changed) {
        this.store = store;
        this.changed = changed;
        // watch before reading, so no change applied in between is missed; the watcher parks those until loaded
        store.watch(this::applied);
        for (Map.Entry<String, byte[]> entry : store.entries().entrySet()) {
            if (entry.getKey().startsWith(PREFIX)) {
                applications.put(entry.getKey(), codec.decode(entry.getKey(), entry.getValue()));
            }
        }
        List<String> later;
        loading.lock();
        try {
            loaded = true;
            later = List.copyOf(parked);
            parked.clear();
        } finally {
            loading.unlock();
        }
        later.forEach(key -> applied(key, store.get(key)));
    }

    Application get(ApplicationKey key) {
        return applications.get(storeKey(key));
    }

    List<Application> all() {
        return new ArrayList<>(applications.values());
    }

    /** The applications of one account and region, in name order. */
    NavigableMap<String, Application> of(String account, String region) {
        String prefix = PREFIX + account + "/" + region + "/";
        return applications.subMap(prefix, true, prefix + Character.MAX_VALUE, false);
    }

    void put(Application app) {
        String key = storeKey(app.key());
        try {
            store.put(key, codec.encode(app));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        applications.put(key, app);
    }

    void remove(ApplicationKey key) {
        String storeKey = storeKey(key);
        try {
            store.delete(storeKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        applications.remove(storeKey);
    }

    static String storeKey(ApplicationKey key) {
        return PREFIX + key.account() + "/" + key.region() + "/" + key.name();
    }

    /** The store applied a change from its shared log: the view of that application becomes what it holds. */
    private void applied(String key, byte[] value) {
        if (!key.startsWith(PREFIX)) {
            return;
        }
        loading.lock();
        try {
            if (!loaded) {
                parked.add(key);
                return;
            }
            if (value == null) {
                applications.remove(key);
            } else {
                applications.put(key, codec.decode(key, value));
            }
        } catch (RuntimeException e) {
            LOG.error("could not follow the change of analytics application {}; this node's view of it may be stale",
                    key, e);
            return;
        } finally {
            loading.unlock();
        }
        String[] parts = key.substring(PREFIX.length()).split("/", 3);
        if (parts.length == 3) {
            changed.accept(new ApplicationKey(parts[0], parts[1], parts[2]));
        }
    }
}
