package io.sluice.mappings.catalog;

import io.sluice.engine.store.MetaStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Several nodes' metadata stores on one shared log of committed changes, as a cluster backend behaves, for tests of
 * the catalogue across nodes. Each node has its own view, which applies the log (calling the node's watchers, for
 * its own changes too) only when the node syncs, starts an atomic change, or writes: so a node's view lags until
 * then. {@link #atomically} is optimistic: it catches the view up, runs the change with its puts and deletes
 * buffered (visible to the node's own reads), and commits them iff nothing was committed to the log meanwhile;
 * otherwise nothing is written and it fails with {@link MetaStore.ConflictException}.
 */
final class SharedMetaLog {

    private record Committed(String key, byte[] value) {
    }

    private static final byte[] DELETED = new byte[0];

    private final ReentrantLock lock = new ReentrantLock();
    private final List<Committed> log = new ArrayList<>();

    Node node() {
        Node node = new Node();
        node.catchUp();
        return node;
    }

    private int size() {
        lock.lock();
        try {
            return log.size();
        } finally {
            lock.unlock();
        }
    }

    private Committed at(int index) {
        lock.lock();
        try {
            return log.get(index);
        } finally {
            lock.unlock();
        }
    }

    final class Node implements MetaStore {

        private final Map<String, byte[]> view = new ConcurrentHashMap<>();
        private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
        private final ReentrantLock applying = new ReentrantLock();
        private final ThreadLocal<Map<String, byte[]>> pending = new ThreadLocal<>();
        private int applied;

        @Override
        public Map<String, byte[]> entries() {
            Map<String, byte[]> all = new HashMap<>(view);
            Map<String, byte[]> buffered = pending.get();
            if (buffered != null) {
                buffered.forEach((k, v) -> {
                    if (v == DELETED) {
                        all.remove(k);
                    } else {
                        all.put(k, v);
                    }
                });
            }
            return all;
        }

        @Override
        public byte[] get(String key) {
            Map<String, byte[]> buffered = pending.get();
            if (buffered != null && buffered.containsKey(key)) {
                byte[] v = buffered.get(key);
                return v == DELETED ? null : v;
            }
            return view.get(key);
        }

        @Override
        public void put(String key, byte[] value) {
            write(key, value);
        }

        @Override
        public void delete(String key) {
            write(key, DELETED);
        }

        private void write(String key, byte[] value) {
            Map<String, byte[]> buffered = pending.get();
            if (buffered != null) {
                buffered.put(key, value);
                return;
            }
            lock.lock();
            try {
                log.add(new Committed(key, value == DELETED ? null : value));
            } finally {
                lock.unlock();
            }
            catchUp();
        }

        @Override
        public void watch(Watcher watcher) {
            watchers.add(watcher);
        }

        @Override
        public <T> T atomically(Change<T> change) throws IOException {
            if (pending.get() != null) {
                return change.run();
            }
            // the base is read before the view catches up: a commit landing in between is then either in the
            // view or a conflict at commit, never missed by the change's checks
            int base = size();
            catchUp();
            Map<String, byte[]> buffered = new LinkedHashMap<>();
            pending.set(buffered);
            T result;
            try {
                result = change.run();
            } finally {
                pending.remove();
            }
            lock.lock();
            try {
                if (log.size() != base) {
                    throw new ConflictException("another node committed first", null);
                }
                buffered.forEach((k, v) -> log.add(new Committed(k, v == DELETED ? null : v)));
            } finally {
                lock.unlock();
            }
            catchUp();
            return result;
        }

        @Override
        public CompletableFuture<Void> sync() {
            catchUp();
            return CompletableFuture.completedFuture(null);
        }

        /** Applies the log up to its end, calling the watchers on this thread. */
        void catchUp() {
            applying.lock();
            try {
                int end = size();
                while (applied < end) {
                    Committed c = at(applied++);
                    if (c.value() == null) {
                        view.remove(c.key());
                    } else {
                        view.put(c.key(), c.value());
                    }
                    watchers.forEach(w -> w.changed(c.key(), c.value()));
                }
            } finally {
                applying.unlock();
            }
        }

        @Override
        public void close() {
        }
    }
}
