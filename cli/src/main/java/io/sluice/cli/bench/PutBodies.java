package io.sluice.cli.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The body templates of a run, a few per batch shape, handed out in turn. Each template has its own partition
 * keys, so that consecutive requests (even single-record PutRecord calls) spread over all shards the way MD5 of
 * the keys spreads them. Immutable after construction, except for the turn counter; thread-safe.
 */
final class PutBodies {

    /** Enough distinct keys that MD5 spreads them evenly over any shard count a bench uses. */
    private static final int MIN_KEYS = 1024;
    /** Caps the memory of the templates of one shape when records are large. */
    private static final long MAX_BYTES_PER_SHAPE = 64L * 1024 * 1024;
    /**
     * With unique data, the distinct record data of one shape at least: far more than a compressor's window (lz4's
     * is 64 KiB) or a Kafka producer batch, so a repeat of a template's records is never found by either.
     */
    static final long MIN_UNIQUE_BYTES_PER_SHAPE = 16L * 1024 * 1024;

    private final Map<Integer, PutBodyTemplate[]> byShape = new HashMap<>();
    private final AtomicLong turn = new AtomicLong();

    /**
     * @param single     PutRecord bodies (one record each) rather than PutRecords
     * @param shapes     the record counts of the requests the run sends
     * @param uniqueData every record of every template gets its own random data (incompressible, as records of
     *                   real traffic mostly are to a general-purpose compressor), and there are enough templates
     *                   to hold {@link #MIN_UNIQUE_BYTES_PER_SHAPE}; otherwise every record carries the same data
     */
    PutBodies(BodyFormat format, Payload payload, String stream, boolean single, Set<Integer> shapes,
              int recordSize, boolean uniqueData, Random random) {
        byte[] shared = payload.template(recordSize, random);
        for (int records : shapes) {
            long shapeBytes = (long) records * recordSize;
            long wanted = Math.max((MIN_KEYS + records - 1) / records,
                    uniqueData ? (MIN_UNIQUE_BYTES_PER_SHAPE + shapeBytes - 1) / shapeBytes : 1);
            long affordable = MAX_BYTES_PER_SHAPE / shapeBytes;
            PutBodyTemplate[] templates = new PutBodyTemplate[(int) Math.max(1, Math.min(wanted, affordable))];
            for (int t = 0; t < templates.length; t++) {
                List<String> keys = new ArrayList<>(records);
                List<byte[]> data = new ArrayList<>(records);
                for (int i = 0; i < records; i++) {
                    keys.add(Long.toHexString(random.nextLong()));
                    data.add(uniqueData ? payload.template(recordSize, random) : shared);
                }
                templates[t] = PutBodyTemplate.encode(format, payload, stream, single, keys, data);
            }
            byShape.put(records, templates);
        }
    }

    /** The next template carrying {@code records} records, which must be one of the shapes given at construction. */
    PutBodyTemplate next(int records) {
        PutBodyTemplate[] templates = byShape.get(records);
        if (templates == null) {
            throw new IllegalArgumentException("no template of " + records + " records; shapes are "
                    + byShape.keySet());
        }
        return templates[(int) (turn.getAndIncrement() % templates.length)];
    }
}
