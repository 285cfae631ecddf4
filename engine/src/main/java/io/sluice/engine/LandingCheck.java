package io.sluice.engine;

import io.sluice.common.ShardId;
import io.sluice.engine.store.MetaStore;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * On logs shared by several nodes, tells a writer where the shard it appended to ends, before it acknowledges:
 * another node may have closed the shard and sealed its log while this node still routed puts to it, and records
 * past the seal are never read. After the append, the check waits for the metadata store's {@link MetaStore#sync}
 * (so the view holds every change committed before the append completed): an open shard takes everything; a
 * sealed one ends at its recorded end; a shard closed but not yet sealed is waited for, briefly, since the node
 * that closed it seals it next (or, if that node died, the retention task of whichever node runs it). A child
 * shard acknowledges nothing until its ancestors are sealed: until then a node that has not seen the reshard may
 * still append to a parent before its seal, and that record, read before the child's, would come after a record
 * of the same key acknowledged earlier in the child. A node that failed to follow a change of the stream (its
 * view is stale: a shard it shows open may be sealed) acknowledges nothing of it until a retry of that change
 * succeeds.
 *
 * <p>Why this is enough: a shard is closed in one committed metadata change and sealed after it. If the view
 * after the append shows the shard open, the closing was committed after the append completed, so the seal lies
 * after the record.
 *
 * <p>Threading: thread-safe and stateless; continuations run on the store's threads and a delayed executor.
 */
final class LandingCheck {

    /** The end offset of a shard that is still open: everything appended lands. */
    static final long OPEN = Long.MAX_VALUE;
    private static final long RETRY_MILLIS = 20;
    private static final int ATTEMPTS = 1500;

    private final MetaStore metadata;
    private final StreamRegistry registry;
    private final Executor later = CompletableFuture.delayedExecutor(RETRY_MILLIS, TimeUnit.MILLISECONDS);

    LandingCheck(MetaStore metadata, StreamRegistry registry) {
        this.metadata = metadata;
        this.registry = registry;
    }

    /**
     * The offset where the shard ends ({@link #OPEN} if it does not yet): the records of an append landed iff
     * their offsets are below it. Fails with a {@link TimeoutException} if the shard stays closed without an end.
     */
    CompletableFuture<Long> end(StreamMeta stream, int shardIndex) {
        return metadata.sync().thenCompose(synced -> end(stream, shardIndex, 1));
    }

    private CompletableFuture<Long> end(StreamMeta stream, int shardIndex, int attempt) {
        if (!registry.followed(stream.key())) {
            // this node failed to follow a change of the stream: its view may show open a shard already sealed
            if (attempt >= ATTEMPTS) {
                return CompletableFuture.failedFuture(new TimeoutException("this node cannot follow the metadata"
                        + " of stream " + stream.key().name() + ", so it cannot tell where shards end"));
            }
            return retry(stream, shardIndex, attempt);
        }
        OpenStream current = registry.get(stream.key());
        if (current == null || current.meta().createdAt() != stream.createdAt()) {
            // the stream is gone: nothing of it will be read, and nobody is told otherwise
            return CompletableFuture.completedFuture(OPEN);
        }
        ShardMeta shard = current.meta().shard(shardIndex);
        boolean settled = ancestorsSealed(current.meta(), shard);
        if (settled && shard.isOpen()) {
            return CompletableFuture.completedFuture(OPEN);
        }
        if (settled && shard.isSealed()) {
            return CompletableFuture.completedFuture(shard.endOffset());
        }
        if (attempt >= ATTEMPTS) {
            return CompletableFuture.failedFuture(new TimeoutException("shard " + shard.id() + " of "
                    + stream.key().name() + " or a parent of it is closed but no node has sealed it"));
        }
        return retry(stream, shardIndex, attempt);
    }

    private CompletableFuture<Long> retry(StreamMeta stream, int shardIndex, int attempt) {
        return CompletableFuture.supplyAsync(() -> attempt + 1, later)
                .thenCompose(next -> end(stream, shardIndex, next));
    }

    /**
     * Whether every ancestor of the shard is sealed (those retention has dropped from the metadata are). Parents
     * alone are not enough: a parent closed before its own parent was sealed never acknowledged a record, and its
     * child may not either until the grandparent is sealed.
     */
    private static boolean ancestorsSealed(StreamMeta meta, ShardMeta shard) {
        Deque<ShardId> pending = new ArrayDeque<>();
        addParents(shard, pending);
        while (!pending.isEmpty()) {
            ShardMeta ancestor = meta.shard(pending.pop().index());
            if (ancestor != null) {
                if (!ancestor.isSealed()) {
                    return false;
                }
                addParents(ancestor, pending);
            }
        }
        return true;
    }

    private static void addParents(ShardMeta shard, Deque<ShardId> into) {
        if (shard.parent() != null) {
            into.push(shard.parent());
        }
        if (shard.adjacentParent() != null) {
            into.push(shard.adjacentParent());
        }
    }
}
