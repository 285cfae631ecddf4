package io.sluice.analytics.host;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Maps a program's retained floor back to source positions, per shard of one input: every record pushed is noted
 * with the ROWTIME it got, and {@link #committed} answers, for each shard, the sequence number after which a
 * restart must read so that every record with a ROWTIME at or above the floor is read again. ROWTIMEs never go
 * back within a shard (the run clamps them, and a shard's records are pushed in order), so the records below the
 * floor are a prefix of what was noted.
 *
 * <p>Memory: one entry per shard and distinct ROWTIME (records sharing a millisecond share an entry), for the
 * records at or above the floor, i.e. as long as the program's widest window.
 *
 * <p><b>Threading</b>: single-threaded, the application's task.
 */
final class PositionTracker {

    private record Noted(long rowtime, String sequenceNumber) {
    }

    private final Map<String, String> committed;
    private final Map<String, ArrayDeque<Noted>> recent = new HashMap<>();
    private final Set<String> ended = new HashSet<>();

    /** @param start the positions reading started from */
    PositionTracker(Map<String, String> start) {
        this.committed = new HashMap<>(start);
    }

    void pushed(String shardId, long rowtime, String sequenceNumber) {
        ArrayDeque<Noted> noted = recent.computeIfAbsent(shardId, s -> new ArrayDeque<>());
        if (!noted.isEmpty() && noted.peekLast().rowtime() == rowtime) {
            noted.pollLast();
        }
        noted.addLast(new Noted(rowtime, sequenceNumber));
    }

    /** The shard was read to its end: once its records are all below the floor, it needs no reading again. */
    void ended(String shardId) {
        ended.add(shardId);
    }

    /**
     * The positions to persist, given that every input row below {@code floor} has had all its effects written
     * durably. Forgets what it no longer needs.
     */
    Map<String, String> committed(long floor) {
        for (var entry : recent.entrySet()) {
            ArrayDeque<Noted> noted = entry.getValue();
            while (!noted.isEmpty() && noted.peekFirst().rowtime() < floor) {
                committed.put(entry.getKey(), noted.pollFirst().sequenceNumber());
            }
        }
        for (String shard : ended) {
            ArrayDeque<Noted> noted = recent.get(shard);
            if (noted == null || noted.isEmpty()) {
                committed.put(shard, PositionsCodec.SHARD_END);
            }
        }
        return Map.copyOf(committed);
    }
}
