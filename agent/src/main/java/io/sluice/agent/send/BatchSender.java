package io.sluice.agent.send;

import io.sluice.agent.send.RecordSender.RecordFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Sends one batch until every record is accepted: requests within the service's limits, then only the records that
 * failed again, with jittered exponential backoff between attempts. Retriable failures are never dropped; records
 * the service can never accept (an invalid request) are dropped, logged with the cause and counted (see
 * {@link ErrorKind}). Returns only when the batch is done, or throws {@link InterruptedException} when the agent
 * stops before that (the batch is then not acknowledged and is read again at the next start).
 *
 * <p>Thread-safe: each call keeps its own state; several batches of a flow are sent at once.
 */
public final class BatchSender {

    private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);

    private final RecordSender sender;
    private final String flowId;
    private final long initialBackoffMillis;
    private final long maxBackoffMillis;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final FlowMetrics metrics;

    public BatchSender(RecordSender sender, String flowId, long initialBackoffMillis, long maxBackoffMillis,
                       Sleeper sleeper, RandomGenerator random, FlowMetrics metrics) {
        this.sender = sender;
        this.flowId = flowId;
        this.initialBackoffMillis = initialBackoffMillis;
        this.maxBackoffMillis = maxBackoffMillis;
        this.sleeper = sleeper;
        this.random = random;
        this.metrics = metrics;
    }

    /** Sends {@code records} (already aggregated if the flow aggregates) until done. */
    public void send(List<byte[]> records) throws InterruptedException {
        Backoff backoff = new Backoff(initialBackoffMillis, maxBackoffMillis, random);
        List<byte[]> pending = records;
        int round = 0;
        while (!pending.isEmpty()) {
            // a destination down for minutes would otherwise log a line per attempt of every batch
            boolean loud = round++ % 20 == 0;
            List<byte[]> failed = new ArrayList<>();
            ErrorKind worst = null;
            int from = 0;
            while (from < pending.size()) {
                int to = requestEnd(pending, from);
                List<byte[]> request = pending.subList(from, to);
                ErrorKind kind = attempt(request, failed, loud);
                worst = worse(worst, kind);
                from = to;
            }
            pending = failed;
            if (!pending.isEmpty()) {
                sleeper.sleep(worst == ErrorKind.CONFIGURATION ? backoff.longest() : backoff.next());
            }
        }
    }

    /** One request: adds the records to retry to {@code failed} and returns the kind of error that kept them. */
    private ErrorKind attempt(List<byte[]> request, List<byte[]> failed, boolean loud)
            throws InterruptedException {
        metrics.recordSendAttempts.increment(request.size());
        List<RecordFailure> failures;
        try {
            failures = sender.send(request);
        } catch (SendException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("the agent is stopping");
            }
            metrics.serviceErrors.increment();
            metrics.recordSendErrors.increment(request.size());
            if (e.kind() == ErrorKind.INVALID) {
                LOG.error("flow {}: dropping {} records the destination refuses: {}", flowId, request.size(),
                        e.getMessage(), e);
                metrics.recordsDropped.increment(request.size());
                return null;
            }
            if (loud) {
                LOG.warn("flow {}: {} records not sent, retrying: {}", flowId, request.size(), e.getMessage(),
                        e.kind() == ErrorKind.CONFIGURATION ? e : null);
            } else {
                LOG.debug("flow {}: {} records not sent, retrying: {}", flowId, request.size(), e.getMessage());
            }
            failed.addAll(request);
            return e.kind();
        }
        ErrorKind worst = null;
        boolean[] refused = new boolean[request.size()];
        for (RecordFailure failure : failures) {
            refused[failure.index()] = true;
            ErrorKind kind = SdkErrors.kindOf(failure.errorCode());
            if (kind == ErrorKind.INVALID) {
                LOG.error("flow {}: dropping a record the destination refuses: {}: {}", flowId,
                        failure.errorCode(), failure.message());
                metrics.recordsDropped.increment();
            } else {
                failed.add(request.get(failure.index()));
                worst = worse(worst, kind);
            }
        }
        metrics.recordSendErrors.increment(failures.size());
        long bytes = 0;
        for (int i = 0; i < request.size(); i++) {
            if (!refused[i]) {
                bytes += request.get(i).length;
            }
        }
        metrics.recordsSent.increment(request.size() - failures.size());
        metrics.bytesSent.increment(bytes);
        if (!failures.isEmpty()) {
            LOG.debug("flow {}: {} of {} records refused ({}), retrying them", flowId, failures.size(),
                    request.size(), failures.get(0).errorCode());
        }
        return worst;
    }

    private int requestEnd(List<byte[]> records, int from) {
        long bytes = 0;
        int to = from;
        int maxRecords = sender.maxRecordsPerRequest();
        while (to < records.size() && to - from < maxRecords) {
            bytes += records.get(to).length;
            if (bytes > sender.maxBytesPerRequest() && to > from) {
                break;
            }
            to++;
        }
        return to;
    }

    private static ErrorKind worse(ErrorKind a, ErrorKind b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
