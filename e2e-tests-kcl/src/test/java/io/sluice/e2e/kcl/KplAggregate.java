package io.sluice.e2e.kcl;

import com.google.protobuf.ByteString;
import software.amazon.kinesis.retrieval.kpl.Messages;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * A Kinesis record in the KPL's aggregation format, as the KPL writes it: the magic F3 89 9A C2, a protobuf
 * AggregatedRecord (the KCL's own generated Messages class, so the schema is the one the KCL parses), then the MD5 of
 * the protobuf bytes.
 */
final class KplAggregate {

    private static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    /** The KPL puts every aggregate under this partition key and routes it by ExplicitHashKey. */
    static final String PARTITION_KEY = "a";

    record UserRecord(String partitionKey, String data) {
    }

    private KplAggregate() {
    }

    static byte[] of(List<UserRecord> userRecords) {
        Messages.AggregatedRecord.Builder aggregate = Messages.AggregatedRecord.newBuilder();
        for (UserRecord userRecord : userRecords) {
            aggregate.addPartitionKeyTable(userRecord.partitionKey());
            aggregate.addRecords(Messages.Record.newBuilder()
                    .setPartitionKeyIndex(aggregate.getPartitionKeyTableCount() - 1)
                    .setData(ByteString.copyFromUtf8(userRecord.data())));
        }
        byte[] protobuf = aggregate.build().toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.writeBytes(protobuf);
        out.writeBytes(md5(protobuf));
        return out.toByteArray();
    }

    /** The hash key Kinesis derives from a partition key: its MD5 as an unsigned 128-bit number. */
    static BigInteger hashKey(String partitionKey) {
        return new BigInteger(1, md5(partitionKey.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
