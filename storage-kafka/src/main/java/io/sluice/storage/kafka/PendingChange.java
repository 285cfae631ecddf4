package io.sluice.storage.kafka;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The puts and deletes of one atomic change in progress: each is sent at once inside the change's Kafka
 * transaction, and remembered so that reads inside the change see them (read-your-writes) and, if the change
 * loses, the keys it touched can be brought back to their committed values.
 *
 * <p>A send that fails at once is kept as the change's {@link #failure} rather than thrown into the change's own
 * code; the change then cannot commit.
 *
 * <p><b>Threading</b>: confined to the thread running the change.
 */
final class PendingChange {

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Map<String, byte[]> writes = new HashMap<>(); // a null value: deleted
    private final List<Future<RecordMetadata>> sent = new ArrayList<>();
    private KafkaException failure;

    PendingChange(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    void put(String key, byte[] value) {
        writes.put(key, value.clone());
        send(key, MetadataRecordFormat.encodeValue(value));
    }

    void delete(String key) {
        writes.put(key, null);
        send(key, null);
    }

    private void send(String key, byte[] envelope) {
        if (failure != null) {
            return;
        }
        try {
            sent.add(producer.send(new ProducerRecord<>(topic, 0, MetadataRecordFormat.encodeKey(key), envelope)));
        } catch (KafkaException e) {
            failure = e;
        }
    }

    boolean touched(String key) {
        return writes.containsKey(key);
    }

    /** This change's value of a key it touched (null: deleted). */
    byte[] written(String key) {
        byte[] value = writes.get(key);
        return value == null ? null : value.clone();
    }

    /** {@code committed} as this change would leave it. */
    Map<String, byte[]> overlay(Map<String, byte[]> committed) {
        TreeMap<String, byte[]> result = new TreeMap<>(committed);
        writes.forEach((key, value) -> {
            if (value == null) {
                result.remove(key);
            } else {
                result.put(key, value.clone());
            }
        });
        return result;
    }

    Set<String> keys() {
        return Set.copyOf(writes.keySet());
    }

    /** The first send that failed at once, or null. */
    KafkaException failure() {
        return failure;
    }

    /**
     * The offset after the change's last record (0 if it wrote none); call after the commit, when every send has
     * completed.
     */
    long end() throws ExecutionException, InterruptedException {
        long end = 0;
        for (Future<RecordMetadata> future : sent) {
            end = Math.max(end, future.get().offset() + 1);
        }
        return end;
    }
}
