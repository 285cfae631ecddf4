package io.sluice.e2e.kcl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** What the record processors of one worker saw, in the order they saw it, across all shards. */
final class Deliveries {

    private final List<Delivery> received = new ArrayList<>();
    private final Set<String> endedShards = ConcurrentHashMap.newKeySet();
    private final List<String> checkpointFailures = new ArrayList<>();

    synchronized void add(Delivery delivery) {
        received.add(delivery);
    }

    /** The shard's processor was told its shard ended and checkpointed that, which lets the children start. */
    void shardEnded(String shardId) {
        endedShards.add(shardId);
    }

    synchronized void checkpointFailed(String shardId, Exception e) {
        checkpointFailures.add(shardId + ": " + e);
    }

    synchronized List<Delivery> all() {
        return List.copyOf(received);
    }

    synchronized boolean anyFrom(String shardId) {
        return received.stream().anyMatch(d -> d.shardId().equals(shardId));
    }

    boolean hasEnded(String shardId) {
        return endedShards.contains(shardId);
    }

    synchronized List<String> checkpointFailures() {
        return List.copyOf(checkpointFailures);
    }

    synchronized String summary() {
        return received.size() + " records received, shards ended " + endedShards
                + ", checkpoint failures " + checkpointFailures;
    }
}
