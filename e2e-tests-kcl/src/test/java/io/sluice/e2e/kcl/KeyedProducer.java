package io.sluice.e2e.kcl;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes records with a fixed set of partition keys, each carrying "key:counter" with a counter that increases per
 * key, until stopped. Kinesis orders the records of one PutRecords call only by chance, so each call holds at most
 * one record per key and the next call waits for the previous one: per key, writes are strictly ordered.
 */
final class KeyedProducer {

    private static final Duration PAUSE_BETWEEN_CALLS = Duration.ofMillis(25);

    private final KinesisAsyncClient kinesis;
    private final String stream;
    /** Per key, the next counter to write: equal to the number of records of that key Sluice acknowledged. */
    private final Map<String, Integer> next = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Throwable failure;

    private KeyedProducer(KinesisAsyncClient kinesis, String stream, List<String> keys) {
        this.kinesis = kinesis;
        this.stream = stream;
        keys.forEach(key -> next.put(key, 0));
        thread = new Thread(this::run, "keyed-producer-" + stream);
    }

    static KeyedProducer start(KinesisAsyncClient kinesis, String stream, List<String> keys) {
        KeyedProducer producer = new KeyedProducer(kinesis, stream, keys);
        producer.thread.start();
        return producer;
    }

    static String data(String key, int counter) {
        return key + ":" + counter;
    }

    static int counterOf(String data) {
        return Integer.parseInt(data.substring(data.lastIndexOf(':') + 1));
    }

    /** Stops after the call in flight; fails if a call failed. */
    void stop() throws InterruptedException {
        stopping = true;
        thread.join(TimeUnit.SECONDS.toMillis(30));
        if (thread.isAlive()) {
            throw new AssertionError("the producer did not stop");
        }
        if (failure != null) {
            throw new AssertionError("a PutRecords call failed", failure);
        }
    }

    /** Once stopped: per key, how many records Sluice acknowledged, which are those with counters 0..n-1. */
    Map<String, Integer> written() {
        if (thread.isAlive()) {
            throw new IllegalStateException("still writing");
        }
        return Map.copyOf(next);
    }

    private void run() {
        try {
            while (!stopping) {
                putOneRecordPerKey();
                Thread.sleep(PAUSE_BETWEEN_CALLS);
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void putOneRecordPerKey() {
        List<String> keys = new ArrayList<>(next.keySet());
        List<PutRecordsRequestEntry> entries = keys.stream().map(key -> PutRecordsRequestEntry.builder()
                .partitionKey(key)
                .data(SdkBytes.fromString(data(key, next.get(key)), StandardCharsets.UTF_8))
                .build()).toList();
        PutRecordsResponse response = kinesis.putRecords(r -> r.streamName(stream).records(entries)).join();
        for (int i = 0; i < keys.size(); i++) {
            PutRecordsResultEntry result = response.records().get(i);
            // A record refused here is written again, with the same counter, in the next call.
            if (result.errorCode() == null) {
                next.merge(keys.get(i), 1, Integer::sum);
            }
        }
    }
}
