package io.sluice.firehose.delivery.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.common.ManualClock;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.Compression;
import io.sluice.firehose.config.IndexRotation;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.config.SearchDestination;
import io.sluice.firehose.delivery.Batch;
import io.sluice.firehose.delivery.DeliveryException;
import io.sluice.firehose.delivery.ErrorOutput;
import io.sluice.firehose.delivery.ObjectStore;
import io.sluice.firehose.delivery.PrefixTemplate;
import io.sluice.firehose.delivery.S3Writer;
import io.sluice.firehose.delivery.TestBatches;
import io.sluice.opensearch.testkit.OpenSearchNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The search sink against a real OpenSearch node (one for the class, an index per test). */
class SearchSinkTest {

    private static final long T = Instant.parse("2016-02-25T13:00:00Z").toEpochMilli();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger INDEX = new AtomicInteger();
    private static OpenSearchNode node;
    private static HttpClient http;

    private final ManualClock clock = new ManualClock(T + 60_000);
    private final List<String> errorKeys = new ArrayList<>();
    private final List<String> errorLines = new ArrayList<>();
    private final ObjectStore store = (bucket, key, body) -> {
        errorKeys.add(key);
        for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
            errorLines.add(line);
        }
    };

    @BeforeAll
    static void startNode() {
        node = OpenSearchNode.start();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static String newIndex() {
        return "idx" + INDEX.incrementAndGet();
    }

    private SearchSink sink(String endpoint, String index, IndexRotation rotation, boolean firehoseIds,
                            int retrySeconds) {
        S3Settings s3 = new S3Settings("arn:aws:iam::000000000000:role/r", "arn:aws:s3:::b", "", null,
                new BufferingHints(1, 0), Compression.UNCOMPRESSED, null, null);
        SearchDestination d = new SearchDestination(SearchDestination.Service.OPENSEARCH, endpoint, index, null,
                rotation, firehoseIds, null, null, null, "arn:aws:iam::000000000000:role/r", retrySeconds, false, s3);
        S3Writer errors = new S3Writer(store, s3, PrefixTemplate.forErrors(null),
                new S3Writer.Naming("stream", 1, ZoneOffset.UTC, null), new SplittableRandom(1));
        return new SearchSink(() -> http, d, new ErrorOutput(errors, d.service().errorOutputType()),
                Duration.ofSeconds(30), clock);
    }

    private static Batch batch(String... records) {
        List<Batch.Entry> entries = new ArrayList<>();
        for (String record : records) {
            entries.add(new Batch.Entry(record.getBytes(StandardCharsets.UTF_8), T));
        }
        return TestBatches.main("req-1", entries);
    }

    private static JsonNode search(String index) throws Exception {
        node.request("POST", "/" + index + "/_refresh", null);
        return JSON.readTree(node.request("GET", "/" + index + "/_search?size=100", null).body());
    }

    @Test
    void recordsAreIndexedIntoTheRotatedIndexWithFirehoseDocumentIds() throws Exception {
        String index = newIndex();
        sink(node.url(), index, IndexRotation.ONE_HOUR, true, 300)
                .deliver(batch("{\"a\":1}\n", "{\n  \"a\": 2\n}", "{\"a\":3}"));

        JsonNode hits = search(index + "-2016-02-25-13").path("hits").path("hits");
        assertThat(hits).hasSize(3);
        List<String> ids = new ArrayList<>();
        hits.forEach(hit -> ids.add(hit.path("_id").asText()));
        assertThat(ids).containsExactlyInAnyOrder("req-1.0", "req-1.1", "req-1.2");
        assertThat(errorLines).isEmpty();
    }

    @Test
    void deliveringTheSameBatchAgainOverwritesItsDocuments() throws Exception {
        String index = newIndex();
        sink(node.url(), index, IndexRotation.NO_ROTATION, true, 300).deliver(batch("{\"a\":1}", "{\"a\":2}"));
        sink(node.url(), index, IndexRotation.NO_ROTATION, true, 300).deliver(batch("{\"a\":1}", "{\"a\":2}"));

        assertThat(search(index).path("hits").path("total").path("value").asInt()).isEqualTo(2);
    }

    @Test
    void withNoDocumentIdTheClusterChoosesIds() throws Exception {
        String index = newIndex();
        sink(node.url(), index, IndexRotation.NO_ROTATION, false, 300).deliver(batch("{\"a\":1}", "{\"a\":2}"));

        JsonNode hits = search(index).path("hits").path("hits");
        assertThat(hits).hasSize(2);
        hits.forEach(hit -> assertThat(hit.path("_id").asText()).doesNotStartWith("req-1"));
    }

    @Test
    void documentsTheMappingRefusesGoToTheErrorOutputAndTheOthersAreIndexed() throws Exception {
        String index = newIndex();
        assertThat(node.request("PUT", "/" + index,
                "{\"mappings\":{\"properties\":{\"n\":{\"type\":\"integer\"}}}}").status()).isEqualTo(200);

        sink(node.url(), index, IndexRotation.NO_ROTATION, true, 300)
                .deliver(batch("{\"n\":1}", "{\"n\":\"not a number\"}", "{\"n\":3}"));

        assertThat(search(index).path("hits").path("total").path("value").asInt()).isEqualTo(2);
        assertThat(errorKeys).singleElement().satisfies(key ->
                assertThat(key).startsWith("AmazonOpenSearchService-failed/2016/02/25/13/stream-1-"));
        JsonNode error = JSON.readTree(errorLines.getFirst());
        assertThat(error.path("errorCode").asText()).isEqualTo("400");
        assertThat(error.path("errorMessage").asText()).contains("mapper_parsing_exception");
        assertThat(error.path("attemptsMade").asInt()).isEqualTo(1);
        assertThat(error.path("arrivalTimestamp").asLong()).isEqualTo(T);
        assertThat(error.path("attemptEndingTimestamp").asLong()).isEqualTo(clock.millis());
        assertThat(error.path("esDocumentId").asText()).isEqualTo("req-1.1");
        assertThat(error.path("esIndexName").asText()).isEqualTo(index);
        assertThat(error.has("esTypeName")).isTrue();
        assertThat(new String(Base64.getDecoder().decode(error.path("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo("{\"n\":\"not a number\"}");
    }

    @Test
    void aRecordThatIsNotJsonFailsAtOnceWithoutBlockingTheOthers() throws Exception {
        String index = newIndex();
        sink(node.url(), index, IndexRotation.NO_ROTATION, true, 300).deliver(batch("{\"a\":1}", "plain text"));

        assertThat(search(index).path("hits").path("total").path("value").asInt()).isEqualTo(1);
        JsonNode error = JSON.readTree(errorLines.getFirst());
        assertThat(error.path("errorCode").asText()).isEqualTo("OS.InvalidDocument");
        assertThat(error.path("attemptsMade").asInt()).isZero();
    }

    @Test
    void anUnreachableClusterIsRetriedUntilTheRetryDurationThenTheDocumentsAreWrittenAsFailed() throws Exception {
        String down = "http://127.0.0.1:" + freePort();
        SearchSink sink = sink(down, "idx", IndexRotation.NO_ROTATION, true, 300);
        Batch batch = batch("{\"a\":1}", "{\"a\":2}");

        assertThatThrownBy(() -> sink.deliver(batch)).isInstanceOf(DeliveryException.class)
                .extracting(e -> ((DeliveryException) e).code()).isEqualTo("OS.ConnectionFailed");
        clock.advance(Duration.ofSeconds(299));
        assertThatThrownBy(() -> sink.deliver(batch)).isInstanceOf(DeliveryException.class);
        assertThat(errorLines).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        sink.deliver(batch);

        assertThat(errorLines).hasSize(2);
        JsonNode error = JSON.readTree(errorLines.getFirst());
        assertThat(error.path("errorCode").asText()).isEqualTo("OS.ConnectionFailed");
        assertThat(error.path("attemptsMade").asInt()).isEqualTo(3);
    }

    @Test
    void aRetryDurationOfZeroGivesUpAfterTheFirstAttempt() throws Exception {
        SearchSink sink = sink("http://127.0.0.1:" + freePort(), "idx", IndexRotation.NO_ROTATION, true, 0);

        sink.deliver(batch("{\"a\":1}"));

        assertThat(errorLines).singleElement().satisfies(line ->
                assertThat(JSON.readTree(line).path("attemptsMade").asInt()).isEqualTo(1));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
