package io.sluice.firehose.buffer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Where a record read from a Kinesis stream came from; the transformation contract hands it to the function as
 * {@code kinesisRecordMetadata}.
 *
 * <p>Stored in the durable buffer as the entry's key, encoded as four {@link DataOutputStream#writeUTF} strings
 * (shard id, partition key, sequence number) and a long (arrival millis), in that order.
 */
public record KinesisRecordMetadata(String shardId, String partitionKey, String sequenceNumber, long arrivalMillis) {

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + partitionKey.length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(shardId);
            out.writeUTF(partitionKey);
            out.writeUTF(sequenceNumber);
            out.writeLong(arrivalMillis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static KinesisRecordMetadata decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            return new KinesisRecordMetadata(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong());
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt Kinesis record metadata in a delivery buffer", e);
        }
    }
}
