package io.sluice.agent.send;

import io.sluice.agent.config.FlowConfig.PartitionKeyOption;

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

    private final PartitionKeyOption option;

    PartitionKeys(PartitionKeyOption option) {
        this.option = option;
    }

    String keyOf(byte[] data) {
        if (option == PartitionKeyOption.DETERMINISTIC) {
            return HEX.formatHex(md5().digest(data));
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toUnsignedString(random.nextLong(), 16) + Long.toUnsignedString(random.nextLong(), 16);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
