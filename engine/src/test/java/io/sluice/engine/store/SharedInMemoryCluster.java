package io.sluice.engine.store;

import io.sluice.common.Clock;
import io.sluice.storage.AppendRecord;
import io.sluice.storage.ReadResult;
import io.sluice.storage.StoredRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Several nodes on one shared metadata log and one set of shared shard logs, in memory, as the cluster backend
 * (Kafka) behaves: for tests of the engine's multi-node behaviour. {@link #node()} gives each node its stores.
 *
 * <p><b>Metadata</b>: one append-only log of committed (key, value) changes (value null: deleted). Each node has
 * its own view, applied from the log in log order by its own applier thread, which calls the node's watchers;
 * the applier pauses for short random times (from the seed), so node views lag behind the log and behind each
 * other as real nodes' do. {@link MetaStore#atomically} follows Kafka's shared {@code transactional.id}: there is
 * one writer token, and a node takes it (fencing the holder, as {@code initTransactions} bumps the producer epoch)
 * unless it already holds it; it then syncs its view to the log end, runs the change with the puts and deletes of
 * the calling thread buffered (and shown in the node's view at once), waits a short random time (the commit's
 * latency) and commits them to the log together iff it still holds the token. If it was fenced, nothing is
 * written: the applier thread sets the view of every touched key back to the value it has applied, calling the
 * watchers with it, and the change fails with {@link MetaStore.ConflictException} (no retry in the store: the
 * engine's retries are what is tested). A change that throws is rolled back the same way. {@code put} and
 * {@code delete} outside a change append at once (no token: Kafka's plain idempotent producer) and return once
 * this node's applier has applied them. {@link MetaStore#sync} completes once the node's applier has passed the
 * log end as of the call. A new node's view has caught up with the log when {@link #node()} returns.
 *
 * <p><b>Shard logs</b>: one shared list of entries per log name, a record or a seal marker, offsets counted from 0
 * over both. A node's appends to a log go through its own queue, in order, each after a random delay of up to
 * {@link Lag#appendMillis} (0: at once, on the calling thread), so appends of several nodes interleave as
 * independent Kafka producers do; the future completes with the first record's offset. {@code seal} appends a
 * marker through the same queue (after this node's earlier appends, as one producer's sends stay in order) and
 * completes with the offset of the log's FIRST marker. Reads stop before the first marker. {@code barrier}
 * completes after every append this node enqueued before it. {@code appendedPast} completes once the log's end
 * passes the offset. Record timestamps are the cluster clock's at append (LogAppendTime), never decreasing along a
 * log. Retention never drops anything.
 *
 * <p><b>Stepping</b>: a test can make a node lag on purpose ({@link #pause}/{@link #resume} its applier), hold
 * seals before their markers are written ({@link #holdSeals}), and hold a node's atomic changes between running
 * and committing ({@link #holdCommits}).
 *
 * <p><b>Threading</b>: everything is thread-safe. Watchers run on the node's applier thread, and so do
 * continuations of {@code sync()} futures; append and seal futures complete on the cluster's append threads (or
 * the caller's, without delays). A {@code put}/{@code delete} outside a change waits for the applier, so it must
 * not be called holding a lock a watcher takes (as the {@link MetaStore} contract says of {@code sync}); one
 * called on the applier thread itself does not wait. A node's atomic changes take turns on a per-node lock, as
 * one transactional producer runs one transaction at a time; a change nested in another on the same thread
 * joins it.
 */
public final class SharedInMemoryCluster implements AutoCloseable {

    /**
     * How much the cluster lags: each metadata entry waits up to {@code applyMillis} before a node applies it (on
     * some entries only), each commit up to {@code commitMillis}, each append up to {@code appendMillis}.
     */
    public record Lag(int applyMillis, int commitMillis, int appendMillis) {
        public static final Lag NONE = new Lag(0, 0, 0);
        public static final Lag SOME = new Lag(2, 3, 2);
    }

    /** One committed metadata change. */
    private record Committed(String key, byte[] value) {
    }

    private final Clock clock;
    private final Random random;
    private final Lag lag;
    private final ExecutorService appenders = Executors.newCachedThreadPool(Thread.ofPlatform().daemon()
            .name("shared-log-append-", 0).factory());
    private final List<Node> nodes = new CopyOnWriteArrayList<>();

    // the metadata log and the writer token, under one lock; appliers wait on its condition
    private final ReentrantLock metaLock = new ReentrantLock();
    private final Condition metaGrew = metaLock.newCondition();
    private final List<Committed> metaLog = new ArrayList<>();
    private long epochs;
    private long tokenHolder;

    private final Map<String, SharedLog> logs = new ConcurrentHashMap<>();
    private volatile Hold sealHold;

    public SharedInMemoryCluster(Clock clock, long seed, Lag lag) {
        this.clock = clock;
        this.random = new Random(seed);
        this.lag = lag;
    }

    /** A new node's stores; its metadata view holds every change committed before this call. */
    public EngineStores node() {
        Node node = new Node(nodes.size());
        nodes.add(node);
        node.meta.start();
        node.meta.sync().join();
        return new EngineStores(node.meta, node.logs);
    }

    /**
     * Stops node {@code node}'s applier (the nodes are numbered from 0 in the order {@link #node()} made them):
     * its view stays where it is, and its syncs wait, until {@link #resume}. For tests that need a lagging node.
     */
    public void pause(int node) {
        nodes.get(node).meta.paused = true;
    }

    public void resume(int node) {
        nodes.get(node).meta.paused = false;
        wakeAppliers();
    }

    /**
     * Makes every seal wait, before it writes its marker, until the returned hold is released: for tests that
     * need a shard closed in the metadata but not yet sealed in its log.
     */
    public Hold holdSeals() {
        Hold hold = new Hold(new CountDownLatch(1), new CountDownLatch(1));
        sealHold = hold;
        return hold;
    }

    /**
     * Makes node {@code node}'s atomic changes wait, after they ran and before they commit (or find themselves
     * fenced), until the returned hold is released: for tests of what a node does with a change not yet committed.
     */
    public Hold holdCommits(int node) {
        Hold hold = new Hold(new CountDownLatch(1), new CountDownLatch(1));
        nodes.get(node).meta.commitHold = hold;
        return hold;
    }

    /**
     * Makes node {@code node}'s opens of shard logs it has not opened yet fail, until called again with false: as
     * when Kafka will not grow a stream's topic, so the node cannot follow a reshard.
     */
    public void failOpens(int node, boolean failing) {
        nodes.get(node).logs.failingOpens = failing;
    }

    /** Operations held by a test: {@code arrived} counts down when one waits, then it waits for release. */
    public record Hold(CountDownLatch arrived, CountDownLatch released) {

        /** Waits until an operation is held. */
        public void awaitHeld() throws InterruptedException {
            arrived.await();
        }

        public void release() {
            released.countDown();
        }

        void hold() throws InterruptedException {
            arrived.countDown();
            released.await();
        }
    }

    /** The names of the shard logs that exist. */
    public Set<String> logNames() {
        return Set.copyOf(logs.keySet());
    }

    /** Every record appended to the log, seal markers left out (an empty list if there is no such log). */
    public List<StoredRecord> records(String logName) {
        SharedLog log = logs.get(logName);
        if (log == null) {
            return List.of();
        }
        log.lock.lock();
        try {
            return log.entries.stream().map(Entry::record).filter(r -> r != null).toList();
        } finally {
            log.lock.unlock();
        }
    }

    /** How many records, over every log, were appended past the log's first seal marker (never read). */
    public long recordsPastSeals() {
        long past = 0;
        for (SharedLog log : logs.values()) {
            log.lock.lock();
            try {
                if (log.firstMarker >= 0) {
                    past += log.entries.subList((int) log.firstMarker, log.entries.size()).stream()
                            .filter(entry -> entry.record() != null).count();
                }
            } finally {
                log.lock.unlock();
            }
        }
        return past;
    }

    /** The metadata as committed to the log (the end every node's view is heading for). */
    public Map<String, byte[]> committed() {
        metaLock.lock();
        try {
            Map<String, byte[]> state = new TreeMap<>();
            for (Committed change : metaLog) {
                if (change.value() == null) {
                    state.remove(change.key());
                } else {
                    state.put(change.key(), change.value());
                }
            }
            return state;
        } finally {
            metaLock.unlock();
        }
    }

    /** Stops every node's applier and the append threads. */
    @Override
    public void close() {
        nodes.forEach(node -> node.meta.close());
        appenders.shutdownNow();
    }

    private int randomMillis(int max) {
        return max <= 0 ? 0 : random.nextInt(max + 1);
    }

    private long metaEnd() {
        metaLock.lock();
        try {
            return metaLog.size();
        } finally {
            metaLock.unlock();
        }
    }

    /** Appends a change made outside any atomic change, at once; returns its index in the log. */
    private long appendPlain(Committed change) {
        metaLock.lock();
        try {
            metaLog.add(change);
            metaGrew.signalAll();
            return metaLog.size() - 1;
        } finally {
            metaLock.unlock();
        }
    }

    /** Appends a transaction's changes iff {@code epoch} still holds the token; returns whether it did. */
    private boolean commit(long epoch, List<Committed> changes) {
        metaLock.lock();
        try {
            if (tokenHolder != epoch) {
                return false;
            }
            metaLog.addAll(changes);
            metaGrew.signalAll();
            return true;
        } finally {
            metaLock.unlock();
        }
    }

    /** Wakes the appliers, to run work handed to them. */
    private void wakeAppliers() {
        metaLock.lock();
        try {
            metaGrew.signalAll();
        } finally {
            metaLock.unlock();
        }
    }

    /** The entry at {@code position}, waiting a little for it; null if there is none yet or the node is paused. */
    private Committed awaitMeta(long position, boolean paused) throws InterruptedException {
        metaLock.lock();
        try {
            if (paused || metaLog.size() <= position) {
                metaGrew.await(5, TimeUnit.MILLISECONDS);
            }
            return !paused && metaLog.size() > position ? metaLog.get((int) position) : null;
        } finally {
            metaLock.unlock();
        }
    }

    /** One node: its metadata view and applier, its log handles and append queues. */
    private final class Node {
        final NodeMeta meta;
        final NodeLogs logs;

        Node(int id) {
            this.meta = new NodeMeta(id);
            this.logs = new NodeLogs();
        }
    }

    /** A sync waiter: completes once the applier has applied {@code target} entries. */
    private record Waiter(long target, CompletableFuture<Void> done) {
    }

    private final class NodeMeta implements MetaStore {
        private final Thread applier;
        private final Map<String, byte[]> applied = new ConcurrentHashMap<>();
        private final Map<String, byte[]> view = new ConcurrentHashMap<>();
        private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
        private final ConcurrentLinkedQueue<Runnable> applierTasks = new ConcurrentLinkedQueue<>();
        private final ReentrantLock waiterLock = new ReentrantLock();
        private final List<Waiter> waiters = new ArrayList<>();
        private volatile long position;
        private volatile boolean closed;
        private volatile boolean paused;
        private volatile Hold commitHold;

        private final ReentrantLock transactions = new ReentrantLock();
        private volatile Thread transactionThread;
        private List<Committed> buffered;
        private long epoch = -1;

        NodeMeta(int id) {
            this.applier = Thread.ofPlatform().daemon().name("meta-applier-" + id).unstarted(this::applyLoop);
        }

        void start() {
            applier.start();
        }

        private void applyLoop() {
            try {
                while (!closed) {
                    for (Runnable task; (task = applierTasks.poll()) != null; ) {
                        task.run();
                    }
                    Committed change = awaitMeta(position, paused);
                    // paused while it waited: the entry stays unapplied (pause() precedes any entry it must hold)
                    if (change == null || paused) {
                        continue;
                    }
                    if (lag.applyMillis() > 0 && random.nextInt(4) == 0) {
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(randomMillis(lag.applyMillis())));
                    }
                    set(applied, change.key(), change.value());
                    set(view, change.key(), change.value());
                    notifyWatchers(change.key(), change.value());
                    position++;
                    completeWaiters();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void notifyWatchers(String key, byte[] value) {
            for (Watcher watcher : watchers) {
                try {
                    watcher.changed(key, value);
                } catch (RuntimeException e) {
                    // a real store logs and goes on: one failing watcher must not stop the node's applier
                    e.printStackTrace();
                }
            }
        }

        private void completeWaiters() {
            List<Waiter> ready = new ArrayList<>();
            waiterLock.lock();
            try {
                for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                    Waiter waiter = it.next();
                    if (waiter.target() <= position) {
                        ready.add(waiter);
                        it.remove();
                    }
                }
            } finally {
                waiterLock.unlock();
            }
            ready.forEach(waiter -> waiter.done().complete(null));
        }

        private CompletableFuture<Void> appliedPast(long target) {
            waiterLock.lock();
            try {
                if (position >= target) {
                    return CompletableFuture.completedFuture(null);
                }
                CompletableFuture<Void> done = new CompletableFuture<>();
                waiters.add(new Waiter(target, done));
                return done;
            } finally {
                waiterLock.unlock();
            }
        }

        private static void set(Map<String, byte[]> map, String key, byte[] value) {
            if (value == null) {
                map.remove(key);
            } else {
                map.put(key, value);
            }
        }

        @Override
        public Map<String, byte[]> entries() {
            return new TreeMap<>(view);
        }

        @Override
        public byte[] get(String key) {
            return view.get(key);
        }

        @Override
        public void put(String key, byte[] value) {
            write(new Committed(key, value.clone()));
        }

        @Override
        public void delete(String key) {
            write(new Committed(key, null));
        }

        private void write(Committed change) {
            if (transactionThread == Thread.currentThread()) {
                buffered.add(change);
                set(view, change.key(), change.value());
                return;
            }
            long index = appendPlain(change);
            if (Thread.currentThread() != applier) {
                appliedPast(index + 1).join();
            }
        }

        @Override
        public void watch(Watcher watcher) {
            watchers.add(watcher);
        }

        @Override
        public <T> T atomically(Change<T> change) throws IOException {
            if (transactionThread == Thread.currentThread()) {
                return change.run();
            }
            transactions.lock();
            try {
                metaLock.lock();
                try {
                    if (tokenHolder != epoch) {
                        epoch = ++epochs;
                        tokenHolder = epoch;
                    }
                } finally {
                    metaLock.unlock();
                }
                sync().join();
                buffered = new ArrayList<>();
                transactionThread = Thread.currentThread();
                T result;
                try {
                    result = change.run();
                } catch (IOException | RuntimeException | Error e) {
                    transactionThread = null;
                    rollBack(buffered);
                    throw e;
                }
                transactionThread = null;
                Hold hold = commitHold;
                if (hold != null) {
                    try {
                        hold.hold();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        rollBack(buffered);
                        throw new IOException("interrupted while a test held the commit", e);
                    }
                }
                int commitMillis = randomMillis(lag.commitMillis());
                if (commitMillis > 0) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(commitMillis));
                }
                if (!commit(epoch, buffered)) {
                    rollBack(buffered);
                    throw new ConflictException("another node took the metadata writer token", null);
                }
                return result;
            } finally {
                buffered = null;
                transactions.unlock();
            }
        }

        /** On the applier thread, in order with the log: the touched keys' views become what it has applied. */
        private void rollBack(List<Committed> changes) {
            if (changes.isEmpty()) {
                return;
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            applierTasks.add(() -> {
                for (String key : changes.stream().map(Committed::key).distinct().toList()) {
                    byte[] value = applied.get(key);
                    set(view, key, value);
                    notifyWatchers(key, value);
                }
                done.complete(null);
            });
            wakeAppliers();
            done.join();
        }

        @Override
        public CompletableFuture<Void> sync() {
            return appliedPast(metaEnd());
        }

        @Override
        public void close() {
            closed = true;
            wakeAppliers();
            if (Thread.currentThread() != applier) {
                try {
                    applier.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** An entry of a shared log: a record, or a seal marker (record null). */
    private record Entry(StoredRecord record) {
    }

    private record PastWaiter(long offset, CompletableFuture<Void> done) {
    }

    /** One log every node appends to and reads. */
    private final class SharedLog {
        final String name;
        final ReentrantLock lock = new ReentrantLock();
        final List<Entry> entries = new ArrayList<>();
        final List<PastWaiter> waiters = new ArrayList<>();
        long firstMarker = -1;
        long lastTimestamp;
        boolean deleted;

        SharedLog(String name) {
            this.name = name;
        }

        long append(List<AppendRecord> records) throws IOException {
            List<PastWaiter> ready;
            long first;
            lock.lock();
            try {
                checkLive();
                first = entries.size();
                lastTimestamp = Math.max(lastTimestamp, clock.millis());
                for (AppendRecord record : records) {
                    entries.add(new Entry(new StoredRecord(entries.size(), lastTimestamp, record.flags(),
                            record.partitionKey(), record.data())));
                }
                ready = passed();
            } finally {
                lock.unlock();
            }
            ready.forEach(waiter -> waiter.done().complete(null));
            return first;
        }

        long seal() throws IOException {
            Hold hold = sealHold;
            if (hold != null) {
                try {
                    hold.hold();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while a test held the seal", e);
                }
            }
            List<PastWaiter> ready;
            long end;
            lock.lock();
            try {
                checkLive();
                if (firstMarker < 0) {
                    firstMarker = entries.size();
                }
                entries.add(new Entry(null));
                end = firstMarker;
                ready = passed();
            } finally {
                lock.unlock();
            }
            ready.forEach(waiter -> waiter.done().complete(null));
            return end;
        }

        private List<PastWaiter> passed() {
            List<PastWaiter> ready = new ArrayList<>();
            for (Iterator<PastWaiter> it = waiters.iterator(); it.hasNext(); ) {
                PastWaiter waiter = it.next();
                if (entries.size() > waiter.offset()) {
                    ready.add(waiter);
                    it.remove();
                }
            }
            return ready;
        }

        private void checkLive() throws IOException {
            if (deleted) {
                throw new IOException("log " + name + " was deleted");
            }
        }

        long end() {
            lock.lock();
            try {
                return entries.size();
            } finally {
                lock.unlock();
            }
        }

        ReadResult read(long from, int max) throws IOException {
            lock.lock();
            try {
                checkLive();
                long limit = firstMarker < 0 ? entries.size() : firstMarker;
                List<StoredRecord> out = new ArrayList<>();
                long next = Math.min(Math.max(0, from), entries.size());
                while (next < limit && out.size() < max) {
                    out.add(entries.get((int) next++).record());
                }
                return new ReadResult(out, next);
            } finally {
                lock.unlock();
            }
        }

        long offsetForTimestamp(long timestamp) {
            lock.lock();
            try {
                for (Entry entry : entries) {
                    if (entry.record() != null && entry.record().timestamp() >= timestamp) {
                        return entry.record().offset();
                    }
                }
                return entries.size();
            } finally {
                lock.unlock();
            }
        }

        CompletableFuture<Void> appendedPast(long offset) {
            lock.lock();
            try {
                if (entries.size() > offset) {
                    return CompletableFuture.completedFuture(null);
                }
                CompletableFuture<Void> done = new CompletableFuture<>();
                waiters.add(new PastWaiter(offset, done));
                return done;
            } finally {
                lock.unlock();
            }
        }
    }

    private final class NodeLogs implements ShardLogStore {
        private final Map<String, NodeLog> open = new ConcurrentHashMap<>();
        volatile boolean failingOpens;

        @Override
        public ShardLogHandle open(String name) throws IOException {
            NodeLog opened = open.get(name);
            if (opened == null && failingOpens) {
                throw new IOException("shard log " + name + " cannot be opened (the test says so)");
            }
            return opened != null ? opened
                    : open.computeIfAbsent(name, n -> new NodeLog(logs.computeIfAbsent(n, SharedLog::new)));
        }

        @Override
        public void delete(String name) {
            open.remove(name);
            SharedLog log = logs.remove(name);
            if (log != null) {
                log.lock.lock();
                try {
                    log.deleted = true;
                } finally {
                    log.lock.unlock();
                }
            }
        }

        @Override
        public CompletableFuture<Long> append(ShardLogHandle log, List<AppendRecord> records) {
            SharedLog shared = ((NodeLog) log).shared;
            return ((NodeLog) log).enqueue(() -> shared.append(records));
        }

        @Override
        public CompletableFuture<Long> barrier(ShardLogHandle log) {
            SharedLog shared = ((NodeLog) log).shared;
            return ((NodeLog) log).enqueue(shared::end);
        }

        @Override
        public CompletableFuture<Long> seal(ShardLogHandle log, long closedAtMillis) {
            SharedLog shared = ((NodeLog) log).shared;
            return ((NodeLog) log).enqueue(shared::seal);
        }

        @Override
        public boolean shared() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** What a node's queue runs against a shared log. */
    @FunctionalInterface
    private interface LogOperation {
        long run() throws IOException;
    }

    /** A node's handle on a shared log, with the node's queue of appends to it. */
    private final class NodeLog implements ShardLogHandle {
        final SharedLog shared;
        private final ReentrantLock queue = new ReentrantLock();
        private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

        NodeLog(SharedLog shared) {
            this.shared = shared;
        }

        /** Runs the operation after everything enqueued before, after a random delay (or at once without lag). */
        CompletableFuture<Long> enqueue(LogOperation operation) {
            CompletableFuture<Long> result = new CompletableFuture<>();
            Runnable step = () -> {
                try {
                    result.complete(operation.run());
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            };
            queue.lock();
            try {
                if (lag.appendMillis() <= 0) {
                    step.run();
                } else {
                    int delay = randomMillis(lag.appendMillis());
                    tail = tail.thenRunAsync(step, delay == 0 ? appenders
                            : CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, appenders));
                }
            } finally {
                queue.unlock();
            }
            return result;
        }

        @Override
        public String name() {
            return shared.name;
        }

        @Override
        public long startOffset() {
            return 0;
        }

        @Override
        public long endOffset() {
            return shared.end();
        }

        @Override
        public ReadResult read(long fromOffset, int maxRecords, long maxBytes) throws IOException {
            return shared.read(fromOffset, maxRecords);
        }

        @Override
        public long offsetForTimestamp(long timestampMillis) {
            return shared.offsetForTimestamp(timestampMillis);
        }

        @Override
        public CompletableFuture<Void> appendedPast(long offset) {
            return shared.appendedPast(offset);
        }

        @Override
        public int deleteSegmentsOlderThan(long cutoffMillis) {
            return 0;
        }
    }
}
