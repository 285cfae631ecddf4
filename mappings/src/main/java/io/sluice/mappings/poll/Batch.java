package io.sluice.mappings.poll;

import io.sluice.mappings.invoke.LambdaInvoker.Invocation;

import java.util.List;

/**
 * One batch of a slice's records on its way to the function, with its retry bookkeeping; or, with no records, the
 * final invocation of a tumbling window.
 *
 * <p><b>Threading</b>: confined to the mapping's task thread.
 */
final class Batch {

    final List<PendingRecord> records;
    final boolean finalForWindow;
    /** Function errors counted against MaximumRetryAttempts (a bisection does not count). */
    int retries;
    /** Every failed try, throttles and unreachable functions included: what the back-off grows with. */
    int failures;
    /** Invocations of this batch so far: the invocation record's {@code approximateInvokeCount}. */
    int invokeCount;
    /** Not to be tried again before this time, epoch millis. */
    long notBefore;
    /** The function's last answer for this batch, or null. */
    Invocation lastAnswer;
    /** Why the batch is being discarded, once it is; its invocation record has not reached the destination yet. */
    InvocationRecordWriter.Condition discarding;

    private Batch(List<PendingRecord> records, boolean finalForWindow) {
        this.records = List.copyOf(records);
        this.finalForWindow = finalForWindow;
    }

    static Batch of(List<PendingRecord> records) {
        return new Batch(records, false);
    }

    static Batch finalInvoke() {
        return new Batch(List.of(), true);
    }

    /** Part of this batch ({@code from} inclusive, {@code to} exclusive), keeping its retries so far. */
    Batch part(int from, int to) {
        Batch part = new Batch(records.subList(from, to), false);
        part.retries = retries;
        part.failures = failures;
        part.lastAnswer = lastAnswer;
        return part;
    }

    long oldestArrival() {
        return records.getFirst().arrivalMillis();
    }
}
