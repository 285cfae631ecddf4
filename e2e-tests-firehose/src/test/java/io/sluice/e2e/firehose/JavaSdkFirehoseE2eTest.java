package io.sluice.e2e.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedInputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.BufferingHints;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.ConcurrentModificationException;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.HttpEndpointCommonAttribute;
import software.amazon.awssdk.services.firehose.model.HttpEndpointDestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.Processor;
import software.amazon.awssdk.services.firehose.model.ProcessorParameter;
import software.amazon.awssdk.services.firehose.model.ProcessorParameterName;
import software.amazon.awssdk.services.firehose.model.ProcessorType;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AWS SDK for Java v2 Firehose client against a real server, which delivers into a real S3-compatible server,
 * real HTTP endpoints and a real transformation function.
 */
class JavaSdkFirehoseE2eTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/firehose";
    private static final Duration DELIVERY = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    private static S3ProxyServer s3;
    private static FirehoseServer server;
    private static FirehoseClient firehose;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        s3 = new S3ProxyServer();
        for (String bucket : List.of("lake", "compressed", "transformed", "backup", "restart", "from-kds")) {
            s3.createBucket(bucket);
        }
        server = new FirehoseServer(dir, s3);
        firehose = server.firehoseClient();
    }

    @AfterAll
    static void stop() throws Exception {
        firehose.close();
        server.close();
        s3.close();
    }

    private static ExtendedS3DestinationConfiguration.Builder s3Destination(String bucket) {
        return ExtendedS3DestinationConfiguration.builder().roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket)
                .bufferingHints(BufferingHints.builder().sizeInMBs(1).intervalInSeconds(0).build());
    }

    private static void awaitActive(String name) throws InterruptedException {
        Await.until(Duration.ofSeconds(10), () -> firehose.describeDeliveryStream(r -> r.deliveryStreamName(name))
                .deliveryStreamDescription().deliveryStreamStatus(), s -> s == DeliveryStreamStatus.ACTIVE);
    }

    private static List<Record> records(String... data) {
        return java.util.Arrays.stream(data).map(d -> Record.builder().data(SdkBytes.fromUtf8String(d)).build())
                .toList();
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
    void recordsPutReachS3UnderAwsKeysAndDecompressToWhatWasSent() throws Exception {
        firehose.createDeliveryStream(r -> r.deliveryStreamName("clicks").extendedS3DestinationConfiguration(
                s3Destination("lake").prefix("clicks/!{timestamp:yyyy}/").compressionFormat(CompressionFormat.GZIP)
                        .build()));
        awaitActive("clicks");
        PutRecordBatchResponse put = firehose.putRecordBatch(r -> r.deliveryStreamName("clicks")
                .records(records("{\"n\":1}\n", "{\"n\":2}\n", "{\"n\":3}\n")));
        assertThat(put.failedPutCount()).isZero();
        assertThat(put.requestResponses()).hasSize(3).allMatch(e -> e.recordId() != null);

        Map<String, byte[]> objects = objectsUnder("lake", "clicks/", 1);
        String key = objects.keySet().iterator().next();
        assertThat(key).matches("clicks/\\d{4}/clicks-1-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9a-f-]{36}\\.gz");
        assertThat(new String(new GZIPInputStream(new ByteArrayInputStream(objects.get(key))).readAllBytes(),
                StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");
        // the object is visible before the delivery that wrote it has counted it
        String counted = "DeliveryToS3_Records_total{DeliveryStreamName=\"clicks\"} 3.0";
        assertThat(Await.until(DELIVERY, server::metrics, m -> m.contains(counted))).contains(counted);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionFormat.class, names = {"ZIP", "SNAPPY", "HADOOP_SNAPPY"})
    void everyCompressionFormatDecompressesToWhatWasSent(CompressionFormat format) throws Exception {
        String name = "c-" + format.toString().toLowerCase().replace('_', '-');
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name).extendedS3DestinationConfiguration(
                s3Destination("compressed").prefix(name + "/").compressionFormat(format).build()));
        awaitActive(name);
        firehose.putRecord(r -> r.deliveryStreamName(name).record(records("compress me " + name).getFirst()));

        byte[] object = objectsUnder("compressed", name + "/", 1).values().iterator().next();
        assertThat(new String(decompress(format, object), StandardCharsets.UTF_8)).isEqualTo("compress me " + name);
    }

    private static byte[] decompress(CompressionFormat format, byte[] object) throws IOException {
        return switch (format) {
            case ZIP -> {
                try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(object))) {
                    zip.getNextEntry();
                    yield zip.readAllBytes();
                }
            }
            case SNAPPY -> new SnappyFramedInputStream(new ByteArrayInputStream(object)).readAllBytes();
            default -> {
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(object));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                while (in.available() > 0) {
                    int block = in.readInt();
                    for (int read = 0; read < block; ) {
                        byte[] chunk = new byte[in.readInt()];
                        in.readFully(chunk);
                        byte[] raw = Snappy.uncompress(chunk);
                        out.writeBytes(raw);
                        read += raw.length;
                    }
                }
                yield out.toByteArray();
            }
        };
    }

    @Test
    void aTransformationRunsThroughARealHttpFunction() throws Exception {
        try (Endpoint function = new Endpoint(request -> new Endpoint.Answer(200, transform(request.body())))) {
            Processor lambda = Processor.builder().type(ProcessorType.LAMBDA).parameters(ProcessorParameter.builder()
                    .parameterName(ProcessorParameterName.LAMBDA_ARN)
                    .parameterValue(function.url("/2015-03-31/functions/function/invocations")).build()).build();
            firehose.createDeliveryStream(r -> r.deliveryStreamName("upper").extendedS3DestinationConfiguration(
                    s3Destination("transformed").prefix("ok/").errorOutputPrefix("failed/")
                            .processingConfiguration(p -> p.enabled(true).processors(lambda)).build()));
            awaitActive("upper");
            firehose.putRecordBatch(r -> r.deliveryStreamName("upper").records(records("a;", "drop", "fail", "b;")));

            byte[] ok = objectsUnder("transformed", "ok/", 1).values().iterator().next();
            assertThat(new String(ok, StandardCharsets.UTF_8)).isEqualTo("A;B;");
            byte[] failed = objectsUnder("transformed", "failed/", 1).values().iterator().next();
            JsonNode error = json.readTree(failed);
            assertThat(error.get("errorCode").asText()).isEqualTo("Lambda.ProcessingFailed");
            assertThat(new String(Base64.getDecoder().decode(error.get("rawData").asText()), StandardCharsets.UTF_8))
                    .isEqualTo("fail");
            JsonNode event = json.readTree(function.requests.getFirst().body());
            assertThat(event.get("deliveryStreamArn").asText())
                    .isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/upper");
        }
    }

    /** The function: upper-cases records, drops "drop", fails "fail", per the transformation contract. */
    private byte[] transform(byte[] eventBytes) {
        try {
            JsonNode event = json.readTree(eventBytes);
            ObjectNode answer = json.createObjectNode();
            var out = answer.putArray("records");
            for (JsonNode record : event.get("records")) {
                String data = new String(Base64.getDecoder().decode(record.get("data").asText()),
                        StandardCharsets.UTF_8);
                String result = data.equals("drop") ? "Dropped" : data.equals("fail") ? "ProcessingFailed" : "Ok";
                out.addObject().put("recordId", record.get("recordId").asText()).put("result", result)
                        .put("data", Base64.getEncoder().encodeToString(data.toUpperCase().getBytes(
                                StandardCharsets.UTF_8)));
            }
            return json.writeValueAsBytes(answer);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theHttpEndpointReceivesTheDocumentedRequest() throws Exception {
        try (Endpoint endpoint = new Endpoint(request -> new Endpoint.Answer(200, ("{\"requestId\":\""
                + request.headers().getFirst("X-Amz-Firehose-Request-Id") + "\",\"timestamp\":1}").getBytes()))) {
            firehose.createDeliveryStream(r -> r.deliveryStreamName("hook").httpEndpointDestinationConfiguration(
                    HttpEndpointDestinationConfiguration.builder()
                            .endpointConfiguration(e -> e.url(endpoint.url("/ingest")).name("hook").accessKey("s3cr3t"))
                            .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                            .requestConfiguration(c -> c.contentEncoding("GZIP")
                                    .commonAttributes(HttpEndpointCommonAttribute.builder().attributeName("env")
                                            .attributeValue("e2e").build()))
                            .s3Configuration(c -> c.roleARN(ROLE).bucketARN("arn:aws:s3:::backup")).build()));
            awaitActive("hook");
            firehose.putRecordBatch(r -> r.deliveryStreamName("hook").records(records("x", "y")));

            Endpoint.Request request = Await.until(DELIVERY, () -> endpoint.requests, l -> !l.isEmpty()).getFirst();
            var headers = request.headers();
            assertThat(headers.getFirst("X-Amz-Firehose-Protocol-Version")).isEqualTo("1.0");
            assertThat(headers.getFirst("X-Amz-Firehose-Access-Key")).isEqualTo("s3cr3t");
            assertThat(headers.getFirst("X-Amz-Firehose-Source-Arn"))
                    .isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/hook");
            assertThat(headers.getFirst("Content-Encoding")).isEqualTo("gzip");
            assertThat(headers.getFirst("Content-Type")).isEqualTo("application/json");
            assertThat(json.readTree(headers.getFirst("X-Amz-Firehose-Common-Attributes")).get("commonAttributes")
                    .get("env").asText()).isEqualTo("e2e");
            JsonNode body = json.readTree(new GZIPInputStream(new ByteArrayInputStream(request.body())));
            assertThat(body.get("requestId").asText()).isEqualTo(headers.getFirst("X-Amz-Firehose-Request-Id"));
            assertThat(body.get("timestamp").asLong()).isPositive();
            assertThat(body.get("records")).extracting(n -> new String(Base64.getDecoder().decode(n.get("data")
                    .asText()), StandardCharsets.UTF_8)).containsExactly("x", "y");
        }
    }

    @Test
    void aFailingEndpointIsRetriedThenBackedUpToS3() throws Exception {
        try (Endpoint endpoint = new Endpoint(request -> new Endpoint.Answer(503,
                "{\"errorMessage\":\"down for maintenance\"}".getBytes()))) {
            firehose.createDeliveryStream(r -> r.deliveryStreamName("down").httpEndpointDestinationConfiguration(
                    HttpEndpointDestinationConfiguration.builder()
                            .endpointConfiguration(e -> e.url(endpoint.url("/")))
                            .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
                            .retryOptions(o -> o.durationInSeconds(2))
                            .s3Configuration(c -> c.roleARN(ROLE).bucketARN("arn:aws:s3:::backup")
                                    .errorOutputPrefix("down-errors/")).build()));
            awaitActive("down");
            firehose.putRecord(r -> r.deliveryStreamName("down").record(records("keep me").getFirst()));

            byte[] backup = objectsUnder("backup", "down-errors/", 1).values().iterator().next();
            JsonNode error = json.readTree(backup);
            assertThat(error.get("errorCode").asText()).isEqualTo("HttpEndpoint.InvalidResponseFromDestination");
            assertThat(error.get("errorMessage").asText()).contains("503", "down for maintenance");
            assertThat(new String(Base64.getDecoder().decode(error.get("rawData").asText()), StandardCharsets.UTF_8))
                    .isEqualTo("keep me");
            assertThat(endpoint.requests).hasSizeGreaterThan(1);
            assertThat(endpoint.requests).extracting(r -> r.headers().getFirst("X-Amz-Firehose-Request-Id"))
                    .containsOnly(endpoint.requests.getFirst().headers().getFirst("X-Amz-Firehose-Request-Id"));
        }
    }

    @Test
    void aRestartInTheMiddleOfABufferLosesNothing() throws Exception {
        firehose.createDeliveryStream(r -> r.deliveryStreamName("survivor").extendedS3DestinationConfiguration(
                s3Destination("restart").bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(3)).build()));
        awaitActive("survivor");
        List<String> sent = IntStream.range(0, 100).mapToObj(i -> "r" + i + ";").toList();
        firehose.putRecordBatch(r -> r.deliveryStreamName("survivor").records(records(sent.toArray(String[]::new))));

        server.restart();
        firehose.close();
        firehose = server.firehoseClient();

        Map<String, byte[]> objects = Await.until(DELIVERY, () -> s3.objects("restart"),
                m -> m.values().stream().mapToInt(b -> b.length).sum() >= String.join("", sent).length());
        List<String> delivered = objects.values().stream()
                .flatMap(b -> java.util.Arrays.stream(new String(b, StandardCharsets.UTF_8).split("(?<=;)"))).toList();
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void aKinesisStreamIsDeliveredToS3() throws Exception {
        try (KinesisClient kinesis = server.kinesisClient()) {
            kinesis.createStream(r -> r.streamName("events").shardCount(2));
            String arn = kinesis.describeStreamSummary(r -> r.streamName("events")).streamDescriptionSummary()
                    .streamARN();
            firehose.createDeliveryStream(r -> r.deliveryStreamName("from-kds")
                    .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
                    .kinesisStreamSourceConfiguration(k -> k.kinesisStreamARN(arn).roleARN(ROLE))
                    .extendedS3DestinationConfiguration(s3Destination("from-kds").build()));
            awaitActive("from-kds");
            for (int i = 0; i < 10; i++) {
                int n = i;
                kinesis.putRecord(r -> r.streamName("events").partitionKey("k" + n)
                        .data(SdkBytes.fromUtf8String("e" + n + ";")));
            }
            Map<String, byte[]> objects = Await.until(DELIVERY, () -> s3.objects("from-kds"),
                    m -> m.values().stream().mapToInt(b -> b.length).sum() >= 30);
            String delivered = String.join("", objects.values().stream()
                    .map(b -> new String(b, StandardCharsets.UTF_8)).toList());
            for (int i = 0; i < 10; i++) {
                assertThat(delivered).contains("e" + i + ";");
            }
            assertThatThrownBy(() -> firehose.putRecord(r -> r.deliveryStreamName("from-kds")
                    .record(records("x").getFirst()))).isInstanceOf(InvalidArgumentException.class);
        }
    }

    @Test
    void updateDestinationNeedsTheCurrentVersion() throws Exception {
        firehose.createDeliveryStream(r -> r.deliveryStreamName("versioned").extendedS3DestinationConfiguration(
                s3Destination("lake").build()));
        awaitActive("versioned");
        assertThatThrownBy(() -> firehose.updateDestination(r -> r.deliveryStreamName("versioned")
                .currentDeliveryStreamVersionId("5").destinationId("destinationId-000000000001")
                .extendedS3DestinationUpdate(u -> u.prefix("x/")))).isInstanceOf(ConcurrentModificationException.class);
        firehose.updateDestination(r -> r.deliveryStreamName("versioned").currentDeliveryStreamVersionId("1")
                .destinationId("destinationId-000000000001").extendedS3DestinationUpdate(u -> u.prefix("v2/")));
        DeliveryStreamDescription d = firehose.describeDeliveryStream(r -> r.deliveryStreamName("versioned"))
                .deliveryStreamDescription();
        assertThat(d.versionId()).isEqualTo("2");
        assertThat(d.destinations().getFirst().extendedS3DestinationDescription().prefix()).isEqualTo("v2/");
        assertThat(d.createTimestamp()).isNotNull();
    }
}
