package io.sluice.firehose.delivery.search;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.common.Clock;
import io.sluice.firehose.config.SearchDestination;
import io.sluice.firehose.delivery.Batch;
import io.sluice.firehose.delivery.DeliveryException;
import io.sluice.firehose.delivery.ErrorOutput;
import io.sluice.firehose.delivery.Sink;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * Delivers batches to an OpenSearch or Elasticsearch cluster with the bulk API, one {@code index} action per
 * record, and handles the answer document by document, as AWS does:
 * <ul>
 *   <li>indexed documents are done, and are not sent again when the batch is retried;</li>
 *   <li>documents the cluster refused for good (a 4xx item: a mapping error, a malformed document) go at once to
 *       the S3 error output under {@code AmazonOpenSearchService-failed/} or {@code elasticsearch-failed/};</li>
 *   <li>documents that may succeed later (429, 5xx items, or a request that failed as a whole) are retried, the
 *       delivery thread's backoff in between, until RetryOptions.DurationInSeconds has passed since the batch's
 *       first attempt; then they go to the error output too (with a duration of 0, after the first attempt).</li>
 * </ul>
 * A record that is not one JSON document cannot be a bulk line: it fails at once with {@code OS.InvalidDocument}
 * (or {@code ES.}); a valid one is sent re-encoded on one line. With FIREHOSE_DEFAULT document ids each record's id
 * is {@code <batch request id>.<position>}, the same on every retry, so a retried document overwrites itself;
 * with NO_DOCUMENT_ID the cluster chooses ids. Delivery is at least once, as in AWS.
 *
 * <p>Because the sink keeps the retry window itself, its route must not give whole batches up
 * ({@code Routes.mainRetryMillis} is unbounded). Threading: the delivery thread's, one call at a time (the
 * {@link Sink} contract); per-batch progress lives in a weak map that forgets batches the worker dropped.
 */
public final class SearchSink implements Sink {

    private final ObjectMapper json = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final SearchDestination destination;
    private final BulkClient client;
    private final ErrorOutput failed;
    private final Clock clock;
    private final String codePrefix;
    private final Map<Batch, Progress> progress = new WeakHashMap<>();

    /** Why a document is not indexed (yet): an item's status and error, or a failed request's code and message. */
    private record Failure(String code, String message) {
    }

    /** What is left of one batch: documents by position, those to send again, and their last error. */
    private static final class Progress {
        final long firstAttemptMillis;
        final Map<Integer, BulkDocument> pending = new LinkedHashMap<>();
        final Map<Integer, Failure> lastError = new LinkedHashMap<>();
        final List<FailedDocument> toWrite = new ArrayList<>();
        int attempts;

        Progress(long firstAttemptMillis) {
            this.firstAttemptMillis = firstAttemptMillis;
        }
    }

    public SearchSink(Supplier<HttpClient> http, SearchDestination destination, ErrorOutput failed,
                      Duration requestTimeout, Clock clock) {
        this.destination = destination;
        this.codePrefix = destination.service() == SearchDestination.Service.ELASTICSEARCH ? "ES" : "OS";
        this.client = new BulkClient(http, destination.clusterEndpoint(), requestTimeout, codePrefix);
        this.failed = failed;
        this.clock = clock;
    }

    @Override
    public void deliver(Batch batch) throws DeliveryException {
        Progress p = progress.computeIfAbsent(batch, b -> start(b, clock.millis()));
        if (!p.pending.isEmpty()) {
            attempt(batch, p);
        }
        long now = clock.millis();
        if (!p.pending.isEmpty() && now - p.firstAttemptMillis >= destination.retryDurationSeconds() * 1000L) {
            for (Map.Entry<Integer, BulkDocument> e : p.pending.entrySet()) {
                p.toWrite.add(failure(batch, e.getKey(), e.getValue(), p.lastError.get(e.getKey()), p.attempts, now));
            }
            p.pending.clear();
        }
        if (!p.toWrite.isEmpty()) {
            failed.write(batch, p.toWrite.stream().map(FailedDocument::toEntry).toList());
            p.toWrite.clear();
        }
        if (!p.pending.isEmpty()) {
            Failure first = p.lastError.get(p.pending.keySet().iterator().next());
            throw new DeliveryException(first.code(), p.pending.size() + " of " + batch.entries().size()
                    + " documents not indexed yet, first: " + first.message(), false);
        }
        progress.remove(batch);
    }

    private Progress start(Batch batch, long now) {
        Progress p = new Progress(now);
        List<Batch.Entry> entries = batch.entries();
        for (int i = 0; i < entries.size(); i++) {
            Batch.Entry entry = entries.get(i);
            String index = IndexNames.of(destination.indexName(), destination.rotation(), entry.arrivalMillis());
            String type = destination.typeName() == null || destination.typeName().isEmpty() ? null
                    : destination.typeName();
            String id = destination.firehoseDocumentIds() ? batch.requestId() + "." + i : null;
            byte[] source = oneLine(entry.data());
            BulkDocument document = new BulkDocument(index, type, id, source);
            if (source == null) {
                p.toWrite.add(failure(batch, i, document, new Failure(codePrefix + ".InvalidDocument",
                        "The record is not a JSON document."), 0, now));
            } else {
                p.pending.put(i, document);
            }
        }
        return p;
    }

    private void attempt(Batch batch, Progress p) {
        List<Integer> positions = new ArrayList<>(p.pending.keySet());
        p.attempts++;
        try {
            List<BulkItem> items = client.index(positions.stream().map(p.pending::get).toList());
            long now = clock.millis();
            for (int k = 0; k < positions.size(); k++) {
                int position = positions.get(k);
                BulkItem item = items.get(k);
                if (item.indexed()) {
                    p.pending.remove(position);
                    p.lastError.remove(position);
                } else if (item.retriable()) {
                    p.lastError.put(position, new Failure(Integer.toString(item.status()), item.error()));
                } else {
                    BulkDocument document = p.pending.remove(position);
                    p.toWrite.add(failure(batch, position, document,
                            new Failure(Integer.toString(item.status()), item.error()), p.attempts, now));
                    p.lastError.remove(position);
                }
            }
        } catch (DeliveryException e) {
            for (Integer position : positions) {
                p.lastError.put(position, new Failure(e.code(), e.getMessage()));
            }
        }
    }

    private static FailedDocument failure(Batch batch, int position, BulkDocument document, Failure error,
                                          int attempts, long now) {
        Batch.Entry entry = batch.entries().get(position);
        return new FailedDocument(document, entry.arrivalMillis(), entry.data(), error.code(), error.message(), attempts, now);
    }

    /** The record as one line of JSON, or null if it is not one JSON document. */
    private byte[] oneLine(byte[] data) {
        try {
            JsonNode node = json.readTree(data);
            if (node == null || !node.isObject()) {
                return null;
            }
            return json.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
