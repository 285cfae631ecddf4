package io.sluice.glue;

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
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The catalogue's entries ({@link CatalogKeys}), decoded, kept in memory and in the {@link MetaStore} in the form of
 * {@link CatalogCodec}. On one node the store is a local store and its own recovery applies (a torn last journal
 * record is cut); an entry this code cannot decode stops the start naming its key, never silently dropping a table.
 * In a cluster the view follows the changes other nodes make through the store's watcher (a value that cannot be
 * decoded there is logged and leaves the view as it was).
 *
 * <p>Inside a change, {@link #database} and {@link #table} read the store's own view instead of the decoded one:
 * a change that lost to another node's is run again, and the store has by then set the keys it touched back to what
 * was committed, while this view learns of that only when the store's watcher tells it, which may come later.
 *
 * <p>Threading: reads from any thread without locks; {@link #put} and {@link #remove} only inside a change of
 * {@link GlueCatalog} (atomic in the store, under its change lock), so that the store and the view agree. The
 * watcher runs on the store's thread and only updates the view.
 */
final class CatalogStore {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogStore.class);

    private final CatalogCodec codec = new CatalogCodec();
    private final MetaStore store;
    private final ConcurrentSkipListMap<String, Object> entries = new ConcurrentSkipListMap<>();
    /** Guards the hand-over of changes the store applied while the view was still loading. */
    private final ReentrantLock loading = new ReentrantLock();
    private final List<String> parked = new ArrayList<>();
    private boolean loaded;
    private final BooleanSupplier inChange;

    /** @param inChange whether the calling thread is inside a change of the catalogue */
    CatalogStore(MetaStore store, BooleanSupplier inChange) {
        this.store = store;
        this.inChange = inChange;
        // watch before reading, so no change applied in between is missed; the watcher parks those until loaded
        store.watch(this::applied);
        for (Map.Entry<String, byte[]> entry : store.entries().entrySet()) {
            if (CatalogKeys.kind(entry.getKey()) != null) {
                entries.put(entry.getKey(), decode(entry.getKey(), entry.getValue()));
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

    Database database(String key) {
        return entry(key) instanceof Database d ? d : null;
    }

    Table table(String key) {
        return entry(key) instanceof Table t ? t : null;
    }

    private Object entry(String key) {
        if (!inChange.getAsBoolean()) {
            return entries.get(key);
        }
        byte[] value = store.get(key);
        return value == null ? null : decode(key, value);
    }

    /** The entries whose keys start with {@code prefix} and come after {@code after} (null: from the first). */
    NavigableMap<String, Object> range(String prefix, String after) {
        String from = after == null ? prefix : prefix + CatalogKeys.escape(after);
        return entries.subMap(from, after == null, prefix + Character.MAX_VALUE, false);
    }

    /**
     * One page of the entries under {@code prefix} after {@code after} (null: from the first) that pass
     * {@code filter}, at most {@code max}; its next token names the last entry by {@code tokenOf}.
     */
    <T> Page<T> page(String prefix, String after, int max, Predicate<T> filter, Class<T> type,
                     Function<T, String> tokenOf) {
        List<T> items = new ArrayList<>();
        String last = null;
        for (Object value : range(prefix, after).values()) {
            T item = type.cast(value);
            if (!filter.test(item)) {
                continue;
            }
            if (items.size() == max) {
                return new Page<>(items, PageTokens.next(prefix, last));
            }
            items.add(item);
            last = tokenOf.apply(item);
        }
        return new Page<>(items, null);
    }

    void put(String key, Database database) {
        write(key, codec.encode(database), database);
    }

    void put(String key, Table table) {
        write(key, codec.encode(table), table);
    }

    void remove(String key) {
        try {
            store.delete(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.remove(key);
    }

    private void write(String key, byte[] value, Object decoded) {
        try {
            store.put(key, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.put(key, decoded);
    }

    private Object decode(String key, byte[] value) {
        return CatalogKeys.DATABASE.equals(CatalogKeys.kind(key)) ? codec.decodeDatabase(key, value)
                : codec.decodeTable(key, value);
    }

    /** The store applied a change from its shared log: the view of that key becomes what it holds. */
    private void applied(String key, byte[] value) {
        if (CatalogKeys.kind(key) == null) {
            return;
        }
        loading.lock();
        try {
            if (!loaded) {
                parked.add(key);
            } else if (value == null) {
                entries.remove(key);
            } else {
                entries.put(key, decode(key, value));
            }
        } catch (RuntimeException e) {
            LOG.error("could not follow the change of Glue catalogue entry {}; this node's view of it may be stale",
                    key, e);
        } finally {
            loading.unlock();
        }
    }
}
