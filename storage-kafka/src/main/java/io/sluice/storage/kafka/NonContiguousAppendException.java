package io.sluice.storage.kafka;

import org.apache.kafka.common.TopicPartition;

import java.io.IOException;

/**
 * A batch's records were stored, but not at consecutive offsets: another node's records landed between them (the
 * producer split the batch in several requests). {@link io.sluice.engine.store.ShardLogStore#append} answers
 * only the first offset, so the batch is reported failed rather than acknowledged with wrong sequence numbers (a
 * retry stores it again); {@link io.sluice.engine.store.ShardLogStore#appendEach} has no such failure.
 */
public final class NonContiguousAppendException extends IOException {

    NonContiguousAppendException(TopicPartition partition, long first, int index, long offset) {
        super("Kafka: records of one append to " + partition + " are not contiguous: record " + index
                + " is at offset " + offset + ", expected " + (first + index));
    }
}
