package io.sluice.storage.kafka;

import io.sluice.common.ShardId;
import org.apache.kafka.common.TopicPartition;

/**
 * Where the engine's shard log {@code <account>/<region>/<stream>-<createdAt>/shardId-000000000007} lives in Kafka:
 * topic {@code <prefix>stream.<account>.<region>.<stream>-<createdAt>}, partition 7 (shard index = partition). One
 * topic per stream incarnation, so a stream deleted and created again never sees the old records. Immutable.
 */
record LogName(String name, TopicPartition partition) {

    /** Parses a log name; IllegalArgumentException if it is not {@code <logDirectory>/shardId-N}. */
    static LogName parse(String topicPrefix, String name) {
        int slash = name.lastIndexOf('/');
        ShardId shard = slash < 0 ? null : ShardId.parseOrNull(name.substring(slash + 1));
        if (shard == null || slash == 0) {
            throw new IllegalArgumentException("not a shard log name: " + name);
        }
        return new LogName(name, new TopicPartition(topicOf(topicPrefix, name.substring(0, slash)), shard.index()));
    }

    /** The topic of a stream incarnation's log directory. */
    static String topicOf(String topicPrefix, String logDirectory) {
        return topicPrefix + "stream." + logDirectory.replace('/', '.');
    }

    String topic() {
        return partition.topic();
    }

    int shardIndex() {
        return partition.partition();
    }
}
