package io.sluice.firehose.delivery.search;

import com.sun.net.httpserver.HttpServer;
import io.sluice.common.ManualClock;
import io.sluice.firehose.config.IndexRotation;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.config.SearchDestination;
import io.sluice.firehose.delivery.Batch;
import io.sluice.firehose.delivery.DeliveryException;
import io.sluice.firehose.delivery.ErrorOutput;
import io.sluice.firehose.delivery.TestBatches;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Per-item retries, which a healthy real node does not produce on demand: a bulk endpoint on the JDK HTTP server
 * answers items as OpenSearch documents them (a 429 for a rejected item, among indexed ones).
 */
class SearchSinkItemRetryTest {

    private final List<String> bodies = new ArrayList<>();
    private final List<String> authorizations = new ArrayList<>();
    private final Queue<String> answers = new ArrayDeque<>();
    private final List<Batch> errorBatches = new ArrayList<>();
    private final HttpServer server;

    SearchSinkItemRetryTest() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/_bulk", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] answer = answers.remove().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private SearchSink sink(ManualClock clock) {
        S3Settings s3 = new S3Settings("arn:aws:iam::000000000000:role/r", "arn:aws:s3:::b", "", null, null, null,
                null, null);
        SearchDestination d = new SearchDestination(SearchDestination.Service.ELASTICSEARCH,
                "http://firehose:s3cret@127.0.0.1:" + server.getAddress().getPort(), "logs", "_doc",
                IndexRotation.NO_ROTATION, true, null, null, null, null, 300, false, s3);
        return new SearchSink(HttpClient::newHttpClient, d, new ErrorOutput(errorBatches::add,
                d.service().errorOutputType()), Duration.ofSeconds(10), clock);
    }

    private static String item(int status) {
        return status < 300 ? "{\"index\":{\"_index\":\"logs\",\"status\":" + status + "}}"
                : "{\"index\":{\"_index\":\"logs\",\"status\":" + status + ",\"error\":{\"type\":\"rejected\"}}}";
    }

    @Test
    void onlyTheItemsTheClusterRejectedForNowAreSentAgain() throws Exception {
        answers.add("{\"errors\":true,\"items\":[" + item(201) + "," + item(429) + "," + item(201) + "]}");
        answers.add("{\"errors\":false,\"items\":[" + item(201) + "]}");
        ManualClock clock = new ManualClock(1_000_000);
        SearchSink sink = sink(clock);
        Batch batch = TestBatches.main("r", List.of(new Batch.Entry("{\"a\":0}".getBytes(), 1),
                new Batch.Entry("{\"a\":1}".getBytes(), 1), new Batch.Entry("{\"a\":2}".getBytes(), 1)));

        assertThatThrownBy(() -> sink.deliver(batch)).isInstanceOf(DeliveryException.class)
                .extracting(e -> ((DeliveryException) e).code()).isEqualTo("429");
        clock.advance(Duration.ofSeconds(1));
        sink.deliver(batch);

        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(0)).isEqualTo("""
                {"index":{"_index":"logs","_type":"_doc","_id":"r.0"}}
                {"a":0}
                {"index":{"_index":"logs","_type":"_doc","_id":"r.1"}}
                {"a":1}
                {"index":{"_index":"logs","_type":"_doc","_id":"r.2"}}
                {"a":2}
                """);
        assertThat(bodies.get(1)).isEqualTo("""
                {"index":{"_index":"logs","_type":"_doc","_id":"r.1"}}
                {"a":1}
                """);
        assertThat(errorBatches).isEmpty();
        assertThat(authorizations).containsOnly("Basic " + Base64.getEncoder()
                .encodeToString("firehose:s3cret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void itemsStillRejectedWhenTheRetryDurationEndsGoToElasticsearchFailed() throws Exception {
        answers.add("{\"errors\":true,\"items\":[" + item(503) + "," + item(201) + "]}");
        answers.add("{\"errors\":true,\"items\":[" + item(503) + "]}");
        ManualClock clock = new ManualClock(1_000_000);
        SearchSink sink = sink(clock);
        Batch batch = TestBatches.main("r", List.of(new Batch.Entry("{\"a\":0}".getBytes(), 7),
                new Batch.Entry("{\"a\":1}".getBytes(), 7)));

        assertThatThrownBy(() -> sink.deliver(batch)).isInstanceOf(DeliveryException.class);
        clock.advance(Duration.ofSeconds(300));
        sink.deliver(batch);

        assertThat(errorBatches).singleElement().satisfies(errors -> {
            assertThat(errors.errorOutputType()).isEqualTo("elasticsearch-failed");
            assertThat(errors.entries()).singleElement().satisfies(entry -> assertThat(
                    new String(entry.data(), StandardCharsets.UTF_8)).contains("\"errorCode\":\"503\"")
                    .contains("\"attemptsMade\":2").contains("\"esDocumentId\":\"r.0\"")
                    .contains("\"esTypeName\":\"_doc\""));
        });
    }
}
