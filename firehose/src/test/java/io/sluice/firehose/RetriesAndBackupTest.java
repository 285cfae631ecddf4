package io.sluice.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.CommonAttribute;
import io.sluice.firehose.config.Compression;
import io.sluice.firehose.config.HttpEndpointDestination;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import io.sluice.firehose.delivery.ObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RetriesAndBackupTest {

    @TempDir
    Path dir;
    private Fixture fx;
    private HttpServer endpoint;
    private final AtomicInteger storeFailures = new AtomicInteger();
    private final AtomicInteger endpointStatus = new AtomicInteger(200);
    private final List<String> requestIds = Collections.synchronizedList(new ArrayList<>());
    private final List<JsonNode> bodies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final ObjectMapper json = new ObjectMapper();

    /** A local store whose next puts fail, as long as {@code storeFailures} says. */
    private ObjectStore flaky(ObjectStore store) {
        return (bucket, key, body) -> {
            if (storeFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IOException("store unavailable");
            }
            store.put(bucket, key, body);
        };
    }

    private final DeliveryObserver observer = new DeliveryObserver() {
        @Override
        public void deliveryFailed(String stream, Target target) {
            failures.add(target.metricPrefix());
        }
    };

    @BeforeEach
    void open() throws IOException {
        fx = new Fixture(dir, flaky(new LocalDirectoryObjectStore(dir.resolve("objects"))), observer);
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/", exchange -> {
            String requestId = exchange.getRequestHeaders().getFirst("X-Amz-Firehose-Request-Id");
            requestIds.add(requestId);
            bodies.add(json.readTree(exchange.getRequestBody().readAllBytes()));
            byte[] answer = ("{\"requestId\":\"" + requestId + "\",\"timestamp\":1}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(endpointStatus.get(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        endpoint.start();
    }

    @AfterEach
    void close() {
        endpoint.stop(0);
        fx.close();
    }

    private HttpEndpointDestination http(int retrySeconds, boolean allData) {
        return new HttpEndpointDestination("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/ingest", "sink",
                "secret", new BufferingHints(1, 0), null, "NONE", List.of(new CommonAttribute("env", "test")),
                Processing.NONE, null, retrySeconds, allData,
                Fixture.s3("backup", "all/", new BufferingHints(1, 0), Compression.UNCOMPRESSED));
    }

    @Test
    void aFailedS3DeliveryIsRetriedAfterItsBackoffAndThenSucceeds() throws IOException {
        fx.create("s", Fixture.extendedS3(Fixture.s3("bucket", "", new BufferingHints(1, 0),
                Compression.UNCOMPRESSED), Processing.NONE));
        storeFailures.set(2);
        fx.put("s", "payload");

        fx.engine.runOnce();
        assertThat(failures).containsExactly("DeliveryToS3");
        fx.engine.runOnce(); // the backoff (about a second) has not passed
        assertThat(failures).hasSize(1);

        fx.advance(Duration.ofSeconds(2));
        fx.engine.runOnce(); // second failure
        fx.advance(Duration.ofSeconds(3));
        fx.engine.runOnce();
        assertThat(failures).hasSize(2);
        assertThat(Fixture.texts(fx.objects("bucket"))).containsExactly("payload");
    }

    @Test
    void theHttpEndpointReceivesTheDocumentedRequest() throws IOException {
        fx.create("h", http(60, false));
        fx.put("h", "one", "two");
        fx.engine.runOnce();

        assertThat(bodies).hasSize(1);
        JsonNode body = bodies.getFirst();
        assertThat(body.get("requestId").asText()).isEqualTo(requestIds.getFirst());
        assertThat(body.get("timestamp").asLong()).isEqualTo(Fixture.START);
        assertThat(body.get("records")).extracting(r -> new String(Base64.getDecoder().decode(r.get("data").asText()),
                StandardCharsets.UTF_8)).containsExactly("one", "two");
        assertThat(fx.objects("backup")).isEmpty();
    }

    @Test
    void aFailingEndpointIsRetriedWithTheSameRequestIdUntilTheRetryDurationThenBackedUpAsErrors() throws IOException {
        fx.create("h", http(10, false));
        endpointStatus.set(500);
        fx.put("h", "lost?");
        for (int i = 0; i < 6; i++) {
            fx.engine.runOnce();
            fx.advance(Duration.ofSeconds(3));
        }
        assertThat(requestIds).hasSizeGreaterThan(2).containsOnly(requestIds.getFirst());

        var errors = fx.objects("backup");
        assertThat(errors).hasSize(1);
        assertThat(errors.keySet().iterator().next()).startsWith("http-endpoint-failed/2023/11/14/22/h-1-");
        JsonNode error = json.readTree(errors.values().iterator().next());
        assertThat(error.get("errorCode").asText()).isEqualTo("HttpEndpoint.InvalidResponseFromDestination");
        assertThat(new String(Base64.getDecoder().decode(error.get("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo("lost?");
        assertThat(error.get("attemptsMade").asInt()).isGreaterThan(1);
    }

    @Test
    void allDataBackupCopiesEveryRecordToS3AsWell() throws IOException {
        fx.create("h", http(60, true));
        fx.put("h", "a", "b");
        fx.engine.runOnce();
        assertThat(bodies).hasSize(1);
        assertThat(Fixture.texts(fx.objects("backup"))).containsExactly("ab");
        assertThat(fx.objects("backup").keySet()).allMatch(k -> k.startsWith("all/2023/11/14/22/h-1-"));
    }

    @Test
    void aRequestTooLargeForTheEndpointGoesToTheBackupWithoutRetries() throws IOException {
        fx.create("h", http(3600, false));
        endpointStatus.set(413);
        fx.put("h", "huge");
        fx.engine.runOnce();
        assertThat(requestIds).hasSize(1);
        assertThat(fx.objects("backup").keySet()).singleElement().asString().startsWith("http-endpoint-failed/");
    }

    @Test
    void anAnswerWithoutTheRequestIdIsAFailure() throws IOException {
        endpoint.removeContext("/");
        endpoint.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            requestIds.add(exchange.getRequestHeaders().getFirst("X-Amz-Firehose-Request-Id"));
            byte[] answer = "{\"requestId\":\"someone-else\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        fx.create("h", http(60, false));
        fx.put("h", "x");
        fx.engine.runOnce();
        assertThat(failures).containsExactly("DeliveryToHttpEndpoint");
    }
}
