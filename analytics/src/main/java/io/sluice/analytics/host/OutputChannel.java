package io.sluice.analytics.host;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One output's records on their way to its destination: rows encoded as records wait here, in order, until
 * {@link #flush} writes them in batches of the destination's size. A failed write is retried after a backoff
 * ({@value #BASE_BACKOFF_MILLIS} ms doubling up to {@value #MAX_BACKOFF_MILLIS} ms), forever: KDA never drops
 * output, and the application reads no more input while any channel holds records (back-pressure).
 *
 * <p><b>Threading</b>: single-threaded, the application's task.
 */
final class OutputChannel {

    static final long BASE_BACKOFF_MILLIS = 200;
    static final long MAX_BACKOFF_MILLIS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(OutputChannel.class);

    private final String application;
    private final String name;
    private final Destination destination;
    private final ApplicationMetrics metrics;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private int failures;
    private long nextAttemptMillis;

    OutputChannel(String application, String name, Destination destination, ApplicationMetrics metrics) {
        this.application = application;
        this.name = name;
        this.destination = destination;
        this.metrics = metrics;
    }

    void add(byte[] record) {
        pending.add(record);
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /**
     * Writes what waits, batch by batch, unless a backoff is running; stops at the first failure.
     *
     * @return true when nothing waits any more
     */
    boolean flush(long now) {
        if (pending.isEmpty() || now < nextAttemptMillis) {
            return pending.isEmpty();
        }
        while (!pending.isEmpty()) {
            List<byte[]> batch = nextBatch();
            List<byte[]> failed;
            try {
                failed = destination.write(batch, failures + 1);
            } catch (IOException | RuntimeException e) {
                failed = batch;
                if (failures == 0) {
                    LOG.warn("application {}: output {} to {} failed, retrying: {}", application, name,
                            destination.kind(), e.getMessage());
                }
            }
            for (int i = 0; i < batch.size(); i++) {
                pending.poll();
            }
            if (batch.size() > failed.size()) {
                metrics.output(application, name, destination.kind(), batch.size() - failed.size());
            }
            if (!failed.isEmpty()) {
                // the written ones are gone from the head; the failed ones go back in their order
                for (int i = failed.size() - 1; i >= 0; i--) {
                    pending.addFirst(failed.get(i));
                }
                failures++;
                nextAttemptMillis = now + Math.min(MAX_BACKOFF_MILLIS,
                        BASE_BACKOFF_MILLIS << Math.min(failures - 1, 20));
                return false;
            }
            failures = 0;
        }
        return true;
    }

    private List<byte[]> nextBatch() {
        List<byte[]> batch = new ArrayList<>();
        long bytes = 0;
        for (byte[] record : pending) {
            if (batch.size() == destination.maxRecords()
                    || (!batch.isEmpty() && bytes + record.length > destination.maxBytes())) {
                break;
            }
            batch.add(record);
            bytes += record.length;
        }
        return batch;
    }
}
