package io.sluice.firehose.source;

import io.sluice.common.Clock;
import io.sluice.engine.store.MetaStore;
import io.sluice.firehose.MskSource;
import io.sluice.firehose.buffer.DurableBuffer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Copies the records of a Kafka topic into an MSKAsSource delivery stream's durable buffer, as Firehose reads an
 * MSK topic: every partition, from the first record whose timestamp is at or after ReadFromTimestamp (the earliest
 * offset for the epoch), record values as the delivery stream's records.
 *
 * <p>The consumer is assigned the partitions (no consumer group, nothing committed to Kafka). Records are appended
 * to the buffer and only then is each partition's next offset saved (see {@link ShardPositions}, as
 * {@code kafka-<partition>}), so a restart or another node taking the delivery over reads a few records again at
 * worst and skips none. Partitions added to the topic are picked up within {@link #REFRESH_MILLIS}. A broker that
 * cannot be reached (or a topic that does not exist yet) is tried again {@link #REFRESH_MILLIS} later; the consumer opens on the first run, so only the node that owns
 * the delivery stream's work connects.
 *
 * <p>Threading: {@link #run} and {@link #resume} from the delivery thread; {@link #close} and {@link #clear} once
 * the delivery task has stopped (a lock keeps them from overlapping a run regardless).
 */
public final class MskSourcePump implements SourcePump {

    private static final Logger LOG = LoggerFactory.getLogger(MskSourcePump.class);
    private static final long REFRESH_MILLIS = 10_000;
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(1);
    private static final String PREFIX = "kafka-";

    private final MskSource source;
    private final String bootstrapServers;
    private final String clientId;
    private final DurableBuffer buffer;
    private final ShardPositions positions;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private KafkaConsumer<byte[], byte[]> consumer;
    private final Set<TopicPartition> assigned = new HashSet<>();
    private long refreshedAt = Long.MIN_VALUE / 2;

    public MskSourcePump(MskSource source, String bootstrapServers, String deliveryStreamName, DurableBuffer buffer,
                         MetaStore metadata, String bufferName, Clock clock) {
        this.source = source;
        this.bootstrapServers = bootstrapServers;
        this.clientId = "sluice-firehose-" + deliveryStreamName;
        this.buffer = buffer;
        this.positions = new ShardPositions(metadata, bufferName);
        this.clock = clock;
    }

    @Override
    public void run() {
        lock.lock();
        try {
            if (consumer == null) {
                consumer = open();
            }
            long now = clock.millis();
            if (now - refreshedAt >= REFRESH_MILLIS) {
                refreshedAt = now;
                assignPartitions();
            }
            if (!assigned.isEmpty()) {
                copy(consumer.poll(Duration.ZERO));
            }
        } catch (KafkaException e) {
            LOG.warn("reading topic {} of {} failed, trying again: {}", source.topicName(), source.clusterArn(),
                    e.toString());
            closeConsumer();
        } finally {
            lock.unlock();
        }
    }

    /** Drops the consumer and reads the positions again: another node may have copied further. */
    @Override
    public void resume() {
        lock.lock();
        try {
            closeConsumer();
            refreshedAt = Long.MIN_VALUE / 2;
            positions.reload();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void clear() throws IOException {
        lock.lock();
        try {
            positions.clear();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closeConsumer();
        } finally {
            lock.unlock();
        }
    }

    private KafkaConsumer<byte[], byte[]> open() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // a saved offset trimmed by the topic's retention since: go on from the oldest record left
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Assigns the topic's partitions (new ones too), each at its saved offset or its ReadFromTimestamp offset. */
    private void assignPartitions() {
        List<PartitionInfo> infos = consumer.partitionsFor(source.topicName(), METADATA_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            LOG.debug("topic {} of {} has no partitions yet", source.topicName(), source.clusterArn());
            return;
        }
        Set<TopicPartition> all = new HashSet<>();
        infos.forEach(info -> all.add(new TopicPartition(info.topic(), info.partition())));
        if (all.equals(assigned)) {
            return;
        }
        Set<TopicPartition> added = new HashSet<>(all);
        added.removeAll(assigned);
        consumer.assign(all);
        Map<TopicPartition, Long> fromTime = new HashMap<>();
        for (TopicPartition tp : added) {
            String saved = positions.get(PREFIX + tp.partition());
            if (saved != null) {
                consumer.seek(tp, Long.parseLong(saved));
            } else {
                fromTime.put(tp, source.readFromMillis());
            }
        }
        if (!fromTime.isEmpty()) {
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(fromTime, METADATA_TIMEOUT);
            List<TopicPartition> atEnd = new ArrayList<>();
            for (TopicPartition tp : fromTime.keySet()) {
                OffsetAndTimestamp found = offsets.get(tp);
                if (found == null) {
                    atEnd.add(tp);
                } else {
                    consumer.seek(tp, found.offset());
                }
            }
            if (!atEnd.isEmpty()) {
                // nothing at or after the time yet: what arrives from now on (an empty list would mean every one)
                consumer.seekToEnd(atEnd);
            }
        }
        assigned.clear();
        assigned.addAll(all);
    }

    private void copy(ConsumerRecords<byte[], byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        List<byte[]> data = new ArrayList<>(records.count());
        Map<Integer, Long> next = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            data.add(record.value() == null ? new byte[0] : record.value());
            next.put(record.partition(), record.offset() + 1);
        }
        buffer.append(data).join();
        next.forEach((partition, offset) -> positions.put(PREFIX + partition, Long.toString(offset)));
    }

    private void closeConsumer() {
        if (consumer != null) {
            try {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
            } catch (KafkaException e) {
                LOG.debug("closing the consumer of {} failed: {}", source.topicName(), e.toString());
            }
            consumer = null;
        }
        assigned.clear();
    }
}
