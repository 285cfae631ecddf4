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
        return withConsumer(partition, "read the end offset of", false,
                c -> c.endOffsets(List.of(partition), timeout).get(partition));
    }

    /** The high watermarks of several partitions (those that exist). */
    Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) throws IOException {
        return withConsumer(partitions.getFirst(), "read the end offsets of", false,
                c -> c.endOffsets(partitions, timeout));
    }

    long startOffset(TopicPartition partition) throws IOException {
        return withConsumer(partition, "read the start offset of", false,
                c -> c.beginningOffsets(List.of(partition), timeout).get(partition));
    }

    /** The first offset whose arrival time is at or after {@code timestampMillis}, if any. */
    OptionalLong offsetForTimestamp(TopicPartition partition, long timestampMillis) throws IOException {
        return withConsumer(partition, "look up a timestamp in", false, c -> {
            OffsetAndTimestamp found = c.offsetsForTimes(Map.of(partition, timestampMillis), timeout).get(partition);
            return found == null ? OptionalLong.empty() : OptionalLong.of(found.offset());
        });
    }

    /**
     * Records from {@code max(from, log start)} up to {@code limit} (exclusive), stopping before the first seal
     * marker, after {@code maxRecords}, or before the data bytes would pass {@code maxBytes} (always one record if
     * there is one). The caller makes sure records exist below {@code limit}, so polls do not wait for data; if
     * the broker is too slow, what arrived within the timeout is returned. A read that continues where an earlier
     * one stopped gets that read's consumer back, already there, with the records it polled but did not return
     * and those it fetched ahead.
     */
    Found read(TopicPartition partition, long from, long limit, int maxRecords, long maxBytes) throws IOException {
        ConsumerPool.Pooled pooled = consumers.borrow(partition, from);
        ConsumerPool.Pooled after = pooled.forgotten();
        Consumer<byte[], byte[]> c = pooled.consumer();
        try {
            boolean resumed = resumes(pooled, partition, from);
            if (!resumed) {
                c.assign(List.of(partition));
                c.seek(partition, from);
            }
            // after a seek, the position is past a reset to the log start if from is below it
            Batch batch = new Batch(resumed ? from : c.position(partition, timeout), limit, maxRecords, maxBytes);
            boolean stopped = resumed && batch.take(pooled.ahead());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!stopped && batch.next < limit && batch.records.size() < maxRecords) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                stopped = batch.take(c.poll(Duration.ofNanos(left)).records(partition));
            }
            after = pooled.stoppedAt(partition, batch.next, batch.ahead);
            return new Found(new ReadResult(batch.records, batch.next), batch.sealOffset);
        } catch (KafkaException e) {
            throw new IOException("Kafka: cannot read " + partition + ": " + e.getMessage(), e);
        } finally {
            consumers.giveBack(after);
        }
    }

    /**
     * Whether a pooled consumer stands where its last read stopped in this partition (reads nothing else, and is
     * positioned just past the records it polled ahead), so this read can go on from there without a seek.
     */
    private boolean resumes(ConsumerPool.Pooled pooled, TopicPartition partition, long from) {
        if (!pooled.resumesAt(partition, from)) {
            return false;
        }
        Consumer<byte[], byte[]> c = pooled.consumer();
        List<ConsumerRecord<byte[], byte[]>> ahead = pooled.ahead();
        long expected = ahead.isEmpty() ? from : ahead.getLast().offset() + 1;
        return (ahead.isEmpty() || ahead.getFirst().offset() == from) && c.assignment().size() == 1
                && c.assignment().contains(partition) && c.position(partition, timeout) == expected;
    }

    /** The records one read collects; the polled records it stopped before are kept for the next read. */
    private static final class Batch {
        final List<StoredRecord> records = new ArrayList<>();
        final long limit;
        final int maxRecords;
        final long maxBytes;
        long next;
        long bytes;
        long sealOffset = -1;
        List<ConsumerRecord<byte[], byte[]>> ahead = List.of();

        Batch(long next, long limit, int maxRecords, long maxBytes) {
            this.next = next;
            this.limit = limit;
            this.maxRecords = maxRecords;
            this.maxBytes = maxBytes;
        }

        /** Takes polled records in offset order; true once the read must stop (what is left is kept ahead). */
        boolean take(List<ConsumerRecord<byte[], byte[]>> polled) {
            for (int i = 0; i < polled.size(); i++) {
                ConsumerRecord<byte[], byte[]> r = polled.get(i);
                if (r.offset() < next) {
                    continue;
                }
                byte[] data = r.value() == null ? new byte[0] : r.value();
                boolean seal = RecordHeaders.isSeal(r.headers());
                if (seal || r.offset() >= limit || records.size() >= maxRecords
                        || (!records.isEmpty() && bytes + data.length > maxBytes)) {
                    sealOffset = seal ? r.offset() : -1;
                    ahead = polled.subList(i, polled.size());
                    return true;
                }
                RecordHeaders.checkVersion(r.headers(), r.topic(), r.partition(), r.offset());
                records.add(new StoredRecord(r.offset(), r.timestamp(), RecordHeaders.flags(r.headers()),
                        r.key() == null ? new byte[0] : r.key(), data));
                bytes += data.length;
                next = r.offset() + 1;
            }
            return false;
        }
    }

    /**
     * The offset of the first seal marker at or after {@code from} and at or before {@code upTo} (a marker known
     * to be there), reading every record in between.
     */
    long firstSeal(TopicPartition partition, long from, long upTo) throws IOException {
        return withConsumer(partition, "scan for the seal of", true, c -> {
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

    /** Runs a look-up ({@code moves} false: the consumer stays where it was) or a scan that moves the consumer. */
    private <T> T withConsumer(TopicPartition partition, String what, boolean moves, Use<T> use) throws IOException {
        ConsumerPool.Pooled pooled = consumers.borrow();
        try {
            return use.apply(pooled.consumer());
        } catch (KafkaException e) {
            throw new IOException("Kafka: cannot " + what + " " + partition + ": " + e.getMessage(), e);
        } finally {
            consumers.giveBack(moves ? pooled.forgotten() : pooled);
        }
    }
}
