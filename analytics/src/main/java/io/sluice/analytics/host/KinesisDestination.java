package io.sluice.analytics.host;

import io.sluice.common.ServiceException;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.PutOutcome;
import io.sluice.engine.PutRecordsEntry;
import io.sluice.engine.StreamKey;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.random.RandomGenerator;

/**
 * Writes output records to a Sluice stream with PutRecords through the engine's data plane. Each record gets a
 * random partition key (128 random bits in hex), so output spreads evenly over the destination's shards, as KDA
 * spreads its output; rows carry no key of their own to route by. Entries the stream refused (throttled) are
 * returned for a retry; nothing written is written twice by this class.
 *
 * <p><b>Threading</b>: single-threaded, the application's task.
 */
final class KinesisDestination implements Destination {

    private final KinesisEngine engine;
    private final StreamKey stream;
    private final RandomGenerator random;

    KinesisDestination(KinesisEngine engine, StreamKey stream, RandomGenerator random) {
        this.engine = engine;
        this.stream = stream;
        this.random = random;
    }

    @Override
    public String kind() {
        return "KinesisStream";
    }

    @Override
    public int maxRecords() {
        return 500;
    }

    @Override
    public long maxBytes() {
        return 5L << 20;
    }

    @Override
    public List<byte[]> write(List<byte[]> records, int attempt) throws IOException {
        List<PutRecordsEntry> entries = new ArrayList<>(records.size());
        for (byte[] data : records) {
            entries.add(new PutRecordsEntry(data, Long.toHexString(random.nextLong()) + Long.toHexString(
                    random.nextLong()), null));
        }
        List<PutOutcome> outcomes;
        try {
            outcomes = engine.records().putRecords(stream, entries).join();
        } catch (ServiceException | CompletionException e) {
            throw new IOException("PutRecords to " + stream + " failed: " + e.getMessage(), e);
        }
        List<byte[]> failed = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).failed()) {
                failed.add(records.get(i));
            }
        }
        return failed;
    }
}
