package io.sluice.engine;

import io.sluice.common.HashKeyRange;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the open shard of a stream whose hash-key range holds a record's hash key: MD5 of the partition key read as
 * an unsigned 128-bit integer, or the explicit hash key. The ranges are kept as pairs of longs (high and low 64
 * bits, compared unsigned) sorted by start, so routing a record is an MD5 and a binary search, without the
 * {@link BigInteger} per record that {@link HashKeyRange#contains} needs.
 *
 * <p>Immutable and thread-safe; made once per snapshot of a stream's metadata. The {@link Hasher} it hands out
 * is not thread-safe: one per call.
 */
final class ShardRouter {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final ShardMeta[] shards;
    private final long[] startHigh;
    private final long[] startLow;
    private final long[] endHigh;
    private final long[] endLow;

    private ShardRouter(List<ShardMeta> open) {
        int n = open.size();
        shards = open.toArray(ShardMeta[]::new);
        startHigh = new long[n];
        startLow = new long[n];
        endHigh = new long[n];
        endLow = new long[n];
        for (int i = 0; i < n; i++) {
            HashKeyRange range = shards[i].range();
            startHigh[i] = range.start().shiftRight(64).longValue();
            startLow[i] = range.start().longValue();
            endHigh[i] = range.end().shiftRight(64).longValue();
            endLow[i] = range.end().longValue();
        }
    }

    static ShardRouter of(StreamMeta meta) {
        List<ShardMeta> open = new ArrayList<>();
        for (ShardMeta shard : meta.shards()) {
            if (shard.isOpen()) {
                open.add(shard);
            }
        }
        open.sort(Comparator.comparing(shard -> shard.range().start()));
        return new ShardRouter(open);
    }

    /** The number of open shards; slots are numbered from 0 in the order of their ranges. */
    int size() {
        return shards.length;
    }

    ShardMeta shard(int slot) {
        return shards[slot];
    }

    /** The slot of the open shard holding {@code hashKey} (at most 2^128 - 1). */
    int slotOf(BigInteger hashKey) {
        return slotOf(hashKey.shiftRight(64).longValue(), hashKey.longValue());
    }

    private int slotOf(long high, long low) {
        int lo = 0;
        int hi = shards.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (compare(startHigh[mid], startLow[mid], high, low) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0 || compare(high, low, endHigh[found], endLow[found]) > 0) {
            throw new IllegalStateException("open shards do not cover hash key " + unsigned(high, low));
        }
        return found;
    }

    private static int compare(long aHigh, long aLow, long bHigh, long bLow) {
        int byHigh = Long.compareUnsigned(aHigh, bHigh);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(aLow, bLow);
    }

    private static BigInteger unsigned(long high, long low) {
        byte[] bytes = new byte[16];
        LONGS.set(bytes, 0, high);
        LONGS.set(bytes, 8, low);
        return new BigInteger(1, bytes);
    }

    Hasher hasher() {
        return new Hasher();
    }

    /** Routes by partition key: its MD5, into a buffer reused across the records of one call. Not thread-safe. */
    final class Hasher {

        private final MessageDigest md5 = HashKeyRange.md5();
        private final byte[] digest = new byte[16];

        /** The slot for a partition key given as its UTF-8 bytes. */
        int slotOf(byte[] partitionKey) {
            md5.update(partitionKey);
            try {
                md5.digest(digest, 0, digest.length);
            } catch (DigestException e) {
                throw new IllegalStateException("an MD5 digest is 16 bytes", e);
            }
            return ShardRouter.this.slotOf((long) LONGS.get(digest, 0), (long) LONGS.get(digest, 8));
        }
    }
}
