package io.sluice.server.console;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.engine.GetRecordsResult;
import io.sluice.engine.IteratorType;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.ReadRecord;
import io.sluice.engine.ShardMeta;
import io.sluice.engine.StreamKey;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.WireFormat;
import io.sluice.server.http.StreamingBody;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The console's live tail of one shard or of every shard of a stream, as server-sent events ({@code text/event-stream}):
 * a {@code records} event for each batch read ({@code {"Records":[...],"MillisBehindLatest":n}}, each record as
 * GetRecords returns it plus its {@code ShardId}), a {@code heartbeat} event after a second without records (which
 * also notices a reader that has gone), and an {@code error} event ({@code __type}, {@code message}) before it
 * ends on a failure such as the stream's deletion. It reads as a reader inside the server does
 * ({@code getRecordsInternal}: held to the shard's read bytes, not to 5 calls a second), and waits for the shards'
 * append signal, the one SubscribeToShard waits for, between reads: it never polls an idle shard. Tailing every
 * shard, it follows a reshard: shards that appear later are read from their start. A reader that lost its
 * connection starts a new tail with {@code ResumeAfter} (per shard, the last sequence number it has): those shards
 * go on just after it, so nothing is sent twice. It ends when the reader goes, or when the server stops.
 *
 * <p>Threading: one instance per request, run by that request's thread.
 */
final class StreamTail {

    static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";
    private static final long HEARTBEAT_MILLIS = 1000;
    private static final long THROTTLED_PAUSE_MILLIS = 100;
    private static final int MAX_RECORDS_PER_READ = 2000;

    private final KinesisEngine engine;
    private final StreamKey stream;
    private final String onlyShard;
    private final IteratorType type;
    private final String sequenceNumber;
    private final Long timestampMillis;
    /** Shards to start again after a sequence number already shown (a reconnecting tail), the rest as asked. */
    private final Map<String, String> resumeAfter;
    /** Per shard read so far: its iterator, or null once it has ended; insertion order is reading order. */
    private final Map<String, String> iterators = new LinkedHashMap<>();
    /** Per shard: the last sequence number sent, to start again after it when an iterator expires. */
    private final Map<String, String> lastSent = new LinkedHashMap<>();
    private long millisBehindLatest;

    /**
     * @param onlyShard   null: every shard
     * @param resumeAfter per shard, the last sequence number the reader already has: that shard is read from just
     *                    after it, whatever the starting position (empty for a new tail)
     */
    StreamTail(KinesisEngine engine, StreamKey stream, String onlyShard, IteratorType type, String sequenceNumber,
               Long timestampMillis, Map<String, String> resumeAfter) {
        this.engine = engine;
        this.stream = stream;
        this.onlyShard = onlyShard;
        this.type = type;
        this.sequenceNumber = sequenceNumber;
        this.timestampMillis = timestampMillis;
        this.resumeAfter = resumeAfter;
    }

    /** Opens the iterators (errors here are ordinary error answers); the stream itself is {@link #run}. */
    StreamTail open() {
        if (onlyShard != null) {
            iterators.put(onlyShard, first(onlyShard));
        } else {
            for (ShardMeta shard : engine.streams().describe(stream).meta().shards()) {
                String id = shard.id().toString();
                if (type != IteratorType.LATEST || shard.isOpen() || resumeAfter.containsKey(id)) {
                    iterators.put(id, first(id));
                }
            }
        }
        return this;
    }

    private String first(String shardId) {
        String shown = resumeAfter.get(shardId);
        if (shown == null) {
            return iterator(shardId, type);
        }
        lastSent.put(shardId, shown);
        return engine.records().getShardIterator(stream, shardId, IteratorType.AFTER_SEQUENCE_NUMBER, shown, null);
    }

    void run(StreamingBody.ChunkSink sink) throws InterruptedException {
        try {
            long quietSince = System.nanoTime();
            while (true) {
                List<CompletableFuture<Void>> signals = new ArrayList<>();
                boolean throttled = false;
                boolean sent = false;
                for (Map.Entry<String, String> shard : List.copyOf(iterators.entrySet())) {
                    if (shard.getValue() == null) {
                        continue;
                    }
                    try {
                        signals.add(engine.records().nextAppend(stream, shard.getKey()));
                        GetRecordsResult result = read(shard.getKey(), shard.getValue());
                        iterators.put(shard.getKey(), result.nextShardIterator());
                        millisBehindLatest = result.millisBehindLatest();
                        if (!result.records().isEmpty()) {
                            if (!sink.send(records(shard.getKey(), result.records()))) {
                                return;
                            }
                            lastSent.put(shard.getKey(), result.records().getLast().sequenceNumber().format());
                            sent = true;
                        }
                    } catch (ServiceException e) {
                        if (e.type() != ErrorType.PROVISIONED_THROUGHPUT_EXCEEDED) {
                            throw e;
                        }
                        throttled = true;
                    }
                }
                if (onlyShard == null) {
                    followReshards();
                }
                if (sent) {
                    quietSince = System.nanoTime();
                    continue;
                }
                long quietMillis = (System.nanoTime() - quietSince) / 1_000_000;
                if (quietMillis >= HEARTBEAT_MILLIS) {
                    if (!sink.send(event("heartbeat", new ResponseWriter(WireFormat.JSON)
                            .number("MillisBehindLatest", millisBehindLatest).finish()))) {
                        return;
                    }
                    quietSince = System.nanoTime();
                    continue;
                }
                long wait = throttled ? Math.min(THROTTLED_PAUSE_MILLIS, HEARTBEAT_MILLIS - quietMillis)
                        : HEARTBEAT_MILLIS - quietMillis;
                await(signals, wait);
            }
        } catch (ServiceException e) {
            sink.send(event("error", new ResponseWriter(WireFormat.JSON).string("__type", e.type().awsName())
                    .string("message", e.getMessage()).finish()));
        }
    }

    /** GetRecords as a reader inside the server; an expired iterator is made again after the last record sent. */
    private GetRecordsResult read(String shardId, String iterator) {
        try {
            return engine.records().getRecordsInternal(iterator, MAX_RECORDS_PER_READ);
        } catch (ServiceException e) {
            if (e.type() != ErrorType.EXPIRED_ITERATOR) {
                throw e;
            }
            String last = lastSent.get(shardId);
            String fresh = last == null ? iterator(shardId, IteratorType.LATEST)
                    : engine.records().getShardIterator(stream, shardId, IteratorType.AFTER_SEQUENCE_NUMBER, last,
                    null);
            return engine.records().getRecordsInternal(fresh, MAX_RECORDS_PER_READ);
        }
    }

    /** Shards made by a split or merge since the tail began are read from their first record. */
    private void followReshards() {
        for (ShardMeta shard : engine.streams().describe(stream).meta().shards()) {
            String id = shard.id().toString();
            if (!iterators.containsKey(id) && shard.isOpen()) {
                iterators.put(id, engine.records().getShardIterator(stream, id, IteratorType.TRIM_HORIZON, null,
                        null));
            }
        }
    }

    private String iterator(String shardId, IteratorType from) {
        return engine.records().getShardIterator(stream, shardId, from, from == type ? sequenceNumber : null,
                from == type ? timestampMillis : null);
    }

    private static void await(List<CompletableFuture<Void>> signals, long millis) throws InterruptedException {
        if (millis <= 0 || signals.isEmpty()) {
            Thread.sleep(Math.max(millis, 0));
            return;
        }
        try {
            CompletableFuture.anyOf(signals.toArray(CompletableFuture[]::new)).get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException quiet) {
            // nothing appended in time: the loop sends a heartbeat
        }
    }

    private byte[] records(String shardId, List<ReadRecord> records) {
        ResponseWriter out = new ResponseWriter(WireFormat.JSON).startArray("Records");
        for (ReadRecord record : records) {
            out.startObject().string("ShardId", shardId)
                    .sequenceNumber("SequenceNumber", record.sequenceNumber())
                    .timestamp("ApproximateArrivalTimestamp", record.arrivalMillis())
                    .blob("Data", record.data())
                    .string("PartitionKey", record.partitionKey())
                    .endObject();
        }
        out.endArray().number("MillisBehindLatest", millisBehindLatest);
        return event("records", out.finish());
    }

    private static byte[] event(String name, byte[] json) {
        return ("event: " + name + "\ndata: " + new String(json, StandardCharsets.UTF_8) + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
