package io.sluice.common;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/** An inclusive range of the 128-bit hash-key space that a shard owns. */
public record HashKeyRange(BigInteger start, BigInteger end) {

    public static final BigInteger MAX_HASH_KEY = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    public HashKeyRange {
        if (start.signum() < 0 || end.compareTo(MAX_HASH_KEY) > 0 || start.compareTo(end) > 0) {
            throw new IllegalArgumentException("bad hash key range " + start + ".." + end);
        }
    }

    public boolean contains(BigInteger key) {
        return start.compareTo(key) <= 0 && key.compareTo(end) <= 0;
    }

    /**
     * Splits the whole space into {@code count} ranges the way Kinesis does: width floor(2^128 / count), the last
     * range running to 2^128 - 1.
     */
    public static List<HashKeyRange> evenSplit(int count) {
        BigInteger width = BigInteger.ONE.shiftLeft(128).divide(BigInteger.valueOf(count));
        List<HashKeyRange> ranges = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BigInteger start = width.multiply(BigInteger.valueOf(i));
            BigInteger end = i == count - 1 ? MAX_HASH_KEY : start.add(width).subtract(BigInteger.ONE);
            ranges.add(new HashKeyRange(start, end));
        }
        return ranges;
    }

    /** The hash key Kinesis derives from a partition key: MD5 of its UTF-8 bytes as an unsigned integer. */
    public static BigInteger hashOf(String partitionKey) {
        return new BigInteger(1, md5().digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
    }

    /** A fresh MD5 digest; cloning a prototype skips the provider lookup, which costs more than the hash. */
    public static MessageDigest md5() {
        try {
            return (MessageDigest) MD5.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's MD5 can be cloned", e);
        }
    }

    private static final MessageDigest MD5 = prototype();

    private static MessageDigest prototype() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has MD5", e);
        }
    }
}
