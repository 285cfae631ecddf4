package io.sluice.engine;

/**
 * A GetRecords shard iterator whose signature has been checked, once: made by {@link DataPlane#openIterator} at
 * the start of a call, then passed along to authorization, the read and metrics, none of which checks it again.
 * A token that is not one of ours is kept as invalid; reading it answers InvalidArgumentException. Expiry is
 * checked by the read, as AWS does. Immutable.
 */
public final class IteratorToken {

    private final ShardIterator iterator;

    IteratorToken(ShardIterator iterator) {
        this.iterator = iterator;
    }

    /** Whether the token was signed by this engine and decodes to an iterator. */
    public boolean valid() {
        return iterator != null;
    }

    /** The stream the iterator reads, or null if the token is not valid. */
    public StreamKey stream() {
        return iterator == null ? null : iterator.stream();
    }

    /** The decoded iterator, or null. */
    ShardIterator iterator() {
        return iterator;
    }
}
