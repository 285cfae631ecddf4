package io.sluice.cli.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out the put requests of a run: how many records each carries, the sequence number of its first record,
 * and when it is due. With a target rate, request k is due at start + (records before it) / rate whether or not
 * the earlier ones were answered in time: latency is measured from that due time, so a slow endpoint shows in
 * the latencies instead of silently lowering the load (no coordinated omission). Without a rate every request
 * is due when asked for. Nothing is handed out once the duration has passed or the record budget is spent.
 * Thread-safe and lock-free: producers of several event loops share one schedule, and each claims its records
 * with one compare-and-set on the count issued so far.
 */
final class RequestSchedule {

    /** One request: records {@code firstSequence} to {@code firstSequence + records - 1}, due at {@code dueNanos}. */
    record Ticket(long firstSequence, int records, long dueNanos) {
    }

    private final Ticker ticker;
    private final long startNanos;
    private final long endNanos;
    private final long totalRecords;
    private final int recordsPerPut;
    private final double rate;
    private final AtomicLong issued = new AtomicLong();

    /**
     * @param duration     null for no time bound
     * @param totalRecords 0 for no record bound
     * @param rate         records per second; 0 for no pacing
     */
    RequestSchedule(Ticker ticker, Duration duration, long totalRecords, int recordsPerPut, double rate) {
        this.ticker = ticker;
        this.startNanos = ticker.nanos();
        this.endNanos = duration == null ? Long.MAX_VALUE : startNanos + duration.toNanos();
        this.totalRecords = totalRecords;
        this.recordsPerPut = recordsPerPut;
        this.rate = rate;
    }

    long startNanos() {
        return startNanos;
    }

    /** The next request, or null when the run is over. */
    Ticket next() {
        while (true) {
            long first = issued.get();
            long now = ticker.nanos();
            int records = recordsPerPut;
            if (totalRecords > 0) {
                records = (int) Math.min(records, totalRecords - first);
            }
            long due = rate > 0 ? startNanos + (long) (first * 1e9 / rate) : now;
            if (records <= 0 || now >= endNanos || due >= endNanos) {
                return null;
            }
            if (issued.compareAndSet(first, first + records)) {
                return new Ticket(first, records, due);
            }
        }
    }
}
