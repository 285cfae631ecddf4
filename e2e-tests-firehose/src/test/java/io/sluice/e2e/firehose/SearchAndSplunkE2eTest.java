package io.sluice.e2e.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.sluice.opensearch.testkit.OpenSearchNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.AmazonopensearchserviceDestinationDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.SplunkDestinationDescription;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The OpenSearch and Splunk destinations through the real AWS SDK: a real OpenSearch node (child JVM) and a
 * Splunk HTTP Event Collector contract endpoint (JDK HTTP server with indexer acknowledgement).
 */
class SearchAndSplunkE2eTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final Duration DELIVERY = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static S3ProxyServer s3;
    private static FirehoseServer server;
    private static FirehoseClient firehose;
    private static OpenSearchNode opensearch;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        opensearch = OpenSearchNode.start();
        s3 = new S3ProxyServer();
        s3.createBucket("search-backup");
        s3.createBucket("splunk-backup");
        server = new FirehoseServer(dir, s3);
        firehose = server.firehoseClient();
    }

    @AfterAll
    static void stop() throws Exception {
        firehose.close();
        server.close();
        s3.close();
        opensearch.close();
    }

    private static void awaitActive(String name) throws InterruptedException {
        Await.until(Duration.ofSeconds(10), () -> firehose.describeDeliveryStream(r -> r.deliveryStreamName(name))
                .deliveryStreamDescription().deliveryStreamStatus(), s -> s == DeliveryStreamStatus.ACTIVE);
    }

    private static List<Record> records(String... data) {
        return Arrays.stream(data).map(d -> Record.builder().data(SdkBytes.fromUtf8String(d)).build()).toList();
    }

    private static Map<String, byte[]> objectsUnder(String bucket, String prefix, int atLeast)
            throws InterruptedException {
        return Await.until(DELIVERY, () -> {
            Map<String, byte[]> all = s3.objects(bucket);
            all.keySet().removeIf(k -> !k.startsWith(prefix));
            return all;
        }, m -> m.size() >= atLeast);
    }

    @Test
    void recordsAreIndexedInTheDailyIndexAndRefusedDocumentsLandInTheErrorOutput() throws Exception {
        String index = "orders-" + LocalDate.now(ZoneOffset.UTC);
        assertThat(opensearch.request("PUT", "/" + index,
                "{\"mappings\":{\"properties\":{\"qty\":{\"type\":\"integer\"}}}}").status()).isEqualTo(200);
        String endpoint = opensearch.url().replace("http://", "http://firehose:secret@");
        firehose.createDeliveryStream(r -> r.deliveryStreamName("orders").amazonopensearchserviceDestinationConfiguration(
                c -> c.roleARN(ROLE).clusterEndpoint(endpoint).indexName("orders").indexRotationPeriod("OneDay")
                        .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                        .retryOptions(o -> o.durationInSeconds(60)).s3BackupMode("AllDocuments")
                        .documentIdOptions(o -> o.defaultDocumentIdFormat("FIREHOSE_DEFAULT"))
                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::search-backup")
                                .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0)))));
        awaitActive("orders");

        firehose.putRecordBatch(r -> r.deliveryStreamName("orders")
                .records(records("{\"qty\":1}", "{\"qty\":\"many\"}", "{\"qty\":3}")));

        JsonNode failed = json.readTree(objectsUnder("search-backup", "AmazonOpenSearchService-failed/", 1)
                .values().iterator().next());
        assertThat(failed.get("errorCode").asText()).isEqualTo("400");
        assertThat(failed.get("esIndexName").asText()).isEqualTo(index);
        assertThat(new String(Base64.getDecoder().decode(failed.get("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo("{\"qty\":\"many\"}");
        int indexed = Await.until(DELIVERY, () -> count(index), n -> n >= 2);
        assertThat(indexed).isEqualTo(2);
        String allDocuments = new String(objectsUnder("search-backup", LocalDate.now(ZoneOffset.UTC).toString()
                .replace('-', '/'), 1).values().iterator().next(), StandardCharsets.UTF_8);
        assertThat(allDocuments).isEqualTo("{\"qty\":1}{\"qty\":\"many\"}{\"qty\":3}");

        AmazonopensearchserviceDestinationDescription described = firehose.describeDeliveryStream(
                r -> r.deliveryStreamName("orders")).deliveryStreamDescription().destinations().getFirst()
                .amazonopensearchserviceDestinationDescription();
        assertThat(described.clusterEndpoint()).isEqualTo(opensearch.url());
        assertThat(described.indexName()).isEqualTo("orders");
        assertThat(described.indexRotationPeriodAsString()).isEqualTo("OneDay");
        assertThat(described.s3BackupModeAsString()).isEqualTo("AllDocuments");
        assertThat(described.retryOptions().durationInSeconds()).isEqualTo(60);
        assertThat(described.documentIdOptions().defaultDocumentIdFormatAsString()).isEqualTo("FIREHOSE_DEFAULT");
        assertThat(server.metrics()).contains("DeliveryToAmazonOpenSearchService_Records_total");
    }

    private int count(String index) {
        opensearch.request("POST", "/" + index + "/_refresh", null);
        try {
            return json.readTree(opensearch.request("GET", "/" + index + "/_count", null).body()).path("count").asInt();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aDomainArnIsRefusedWithWhatToGiveInstead() {
        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName("domain")
                .elasticsearchDestinationConfiguration(c -> c.roleARN(ROLE)
                        .domainARN("arn:aws:es:us-east-1:000000000000:domain/logs").indexName("logs")
                        .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::search-backup")))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("ClusterEndpoint");
    }

    @Test
    void splunkReceivesAcknowledgedEventsAndNeverSeesTheTokenDescribed() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        List<String> authorizations = new CopyOnWriteArrayList<>();
        AtomicInteger polls = new AtomicInteger();
        HttpServer hec = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hec.createContext("/services/collector/event", exchange -> {
            events.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"text\":\"Success\",\"code\":0,\"ackId\":0}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        hec.createContext("/services/collector/ack", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean acked = polls.incrementAndGet() > 1; // acknowledged on the second poll
            byte[] body = ("{\"acks\":{\"0\":" + acked + "}}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        hec.start();
        try {
            String url = "http://127.0.0.1:" + hec.getAddress().getPort();
            firehose.createDeliveryStream(r -> r.deliveryStreamName("to-splunk").splunkDestinationConfiguration(
                    c -> c.hecEndpoint(url).hecEndpointType("Event").hecToken("secret-token")
                            .hecAcknowledgmentTimeoutInSeconds(180)
                            .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                            .s3Configuration(s -> s.roleARN(ROLE).bucketARN("arn:aws:s3:::splunk-backup"))));
            awaitActive("to-splunk");
            firehose.putRecordBatch(r -> r.deliveryStreamName("to-splunk").records(records("{\"a\":1}", "b")));

            Await.until(DELIVERY, () -> server.metrics(), m -> m.contains(
                    "DeliveryToSplunk_Records_total{DeliveryStreamName=\"to-splunk\"} 2.0"));
            assertThat(events).singleElement().isEqualTo("{\"event\":{\"a\":1}}\n{\"event\":\"b\"}\n");
            assertThat(authorizations).containsOnly("Splunk secret-token");
            assertThat(polls.get()).isGreaterThanOrEqualTo(2);

            SplunkDestinationDescription described = firehose.describeDeliveryStream(
                    r -> r.deliveryStreamName("to-splunk")).deliveryStreamDescription().destinations().getFirst()
                    .splunkDestinationDescription();
            assertThat(described.hecEndpoint()).isEqualTo(url);
            assertThat(described.hecEndpointTypeAsString()).isEqualTo("Event");
            assertThat(described.hecToken()).isNull();
            assertThat(described.s3BackupModeAsString()).isEqualTo("FailedEventsOnly");
        } finally {
            hec.stop(0);
        }
    }
}
