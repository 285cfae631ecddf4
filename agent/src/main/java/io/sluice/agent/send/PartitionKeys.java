package io.sluice.agent.send;

import io.sluice.agent.config.FlowConfig.PartitionKeyOption;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Kinesis record's partition key as agent.json's {@code partitionKeyOption} asks: RANDOM spreads records over
 * the shards; DETERMINISTIC is the hex MD5 of the record's data, as AWS's agent computes it, so that equal records
 * land on the same shard. Thread-safe.
 */
final class PartitionKeys {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    private final PartitionKeyOption option;

    PartitionKeys(PartitionKeyOption option) {
        this.option = option;
    }

    String keyOf(byte[] data) {
        if (option == PartitionKeyOption.DETERMINISTIC) {
            return HEX.formatHex(md5().digest(data));
        }
        // 128 random bits in hex: one string per record, built without intermediate strings
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] key = new byte[32];
        hex(random.nextLong(), key, 0);
        hex(random.nextLong(), key, 16);
        return new String(key, StandardCharsets.ISO_8859_1);
    }

    private static void hex(long bits, byte[] into, int at) {
        for (int i = 15; i >= 0; i--) {
            into[at + i] = DIGITS[(int) (bits & 0xF)];
            bits >>>= 4;
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
