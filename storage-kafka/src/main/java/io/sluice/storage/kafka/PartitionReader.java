package io.sluice.storage.kafka;

import io.sluice.storage.ReadResult;
import io.sluice.storage.StoredRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads one partition with a consumer borrowed from a {@link ConsumerPool}: records, offsets, and the first seal
 * marker. Every call is bounded by {@code timeout}; a Kafka client failure becomes an IOException naming the
 * partition.
 *
 * <p>Threading: thread-safe (each call borrows its own consumer).
 */
final class PartitionReader {

    /** What a read found: the records, where the next read starts, and the first seal marker met (or -1). */
    record Found(ReadResult result, long sealOffset) {
    }

    private final ConsumerPool consumers;
    private final Duration timeout;

    PartitionReader(ConsumerPool consumers, Duration timeout) {
        this.consumers = consumers;
        this.timeout = timeout;
    }

    /** The high watermark: one past the last record every in-sync replica holds. */
    long endOffset(TopicPartition partition) throws IOException {
        return withConsumer(partition, "read the end offset of",
                c -> c.endOffsets(List.of(partition), timeout).get(partition));
    }

    /** The high watermarks of several partitions (those that exist). */
    Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) throws IOException {
        return withConsumer(partitions.getFirst(), "read the end offsets of",
                c -> c.endOffsets(partitions, timeout));
    }

    long startOffset(TopicPartition partition) throws IOException {
        return withConsumer(partition, "read the start offset of",
                c -> c.beginningOffsets(List.of(partition), timeout).get(partition));
    }

    /** The first offset whose arrival time is at or after {@code timestampMillis}, if any. */
    OptionalLong offsetForTimestamp(TopicPartition partition, long timestampMillis) throws IOException {
        return withConsumer(partition, "look up a timestamp in", c -> {
            OffsetAndTimestamp found = c.offsetsForTimes(Map.of(partition, timestampMillis), timeout).get(partition);
            return found == null ? OptionalLong.empty() : OptionalLong.of(found.offset());
        });
    }

    /**
     * Records from {@code max(from, log start)} up to {@code limit} (exclusive), stopping before the first seal
     * marker, after {@code maxRecords}, or before the data bytes would pass {@code maxBytes} (always one record if
     * there is one). The caller makes sure records exist below {@code limit}, so polls do not wait for data; if
     * the broker is too slow, what arrived within the timeout is returned.
     */
    Found read(TopicPartition partition, long from, long limit, int maxRecords, long maxBytes) throws IOException {
        return withConsumer(partition, "read", c -> {
            c.assign(List.of(partition));
            c.seek(partition, from);
            long next = c.position(partition, timeout); // past a reset to the log start, if from is below it
            List<StoredRecord> records = new ArrayList<>();
            long bytes = 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (next < limit && records.size() < maxRecords) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofNanos(left)).records(partition)) {
                    if (r.offset() < next) {
                        continue;
                    }
                    if (RecordHeaders.isSeal(r.headers())) {
                        return new Found(new ReadResult(records, next), r.offset());
                    }
                    byte[] data = r.value() == null ? new byte[0] : r.value();
                    if (r.offset() >= limit || records.size() >= maxRecords
                            || (!records.isEmpty() && bytes + data.length > maxBytes)) {
                        return new Found(new ReadResult(records, next), -1);
                    }
                    RecordHeaders.checkVersion(r.headers(), r.topic(), r.partition(), r.offset());
                    records.add(new StoredRecord(r.offset(), r.timestamp(), RecordHeaders.flags(r.headers()),
                            r.key() == null ? new byte[0] : r.key(), data));
                    bytes += data.length;
                    next = r.offset() + 1;
                }
            }
            return new Found(new ReadResult(records, next), -1);
        });
    }

    /**
     * The offset of the first seal marker at or after {@code from} and at or before {@code upTo} (a marker known
     * to be there), reading every record in between.
     */
    long firstSeal(TopicPartition partition, long from, long upTo) throws IOException {
        return withConsumer(partition, "scan for the seal of", c -> {
            c.assign(List.of(partition));
            c.seek(partition, from);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100)).records(partition)) {
                    if (r.offset() > upTo) {
                        break;
                    }
                    if (RecordHeaders.isSeal(r.headers())) {
                        return r.offset();
                    }
                }
                if (c.position(partition, timeout) > upTo) {
                    break;
                }
            }
            throw new IOException("no seal marker found in " + partition + " between offsets " + from + " and "
                    + upTo + " within " + timeout.toMillis() + " ms");
        });
    }

    @FunctionalInterface
    private interface Use<T> {
        T apply(Consumer<byte[], byte[]> consumer) throws IOException;
    }

    private <T> T withConsumer(TopicPartition partition, String what, Use<T> use) throws IOException {
        Consumer<byte[], byte[]> consumer = consumers.borrow();
        try {
            return use.apply(consumer);
        } catch (KafkaException e) {
            throw new IOException("Kafka: cannot " + what + " " + partition + ": " + e.getMessage(), e);
        } finally {
            consumers.giveBack(consumer);
        }
    }
}
