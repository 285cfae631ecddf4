package io.sluice.e2e.console;

import io.sluice.testkit.SluiceServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's own API as a plain HTTP client sees it on an open server: the live tail (server-sent events) and
 * the server facts, through the same pipeline as the Kinesis API.
 */
class ConsoleApiTest {

    @RegisterExtension
    static final SluiceServerExtension SERVER = new SluiceServerExtension();
    private static final Pattern SEQUENCE = Pattern.compile("\"SequenceNumber\":\"(\\d+)\"");
    private static KinesisClient kinesis;

    @BeforeAll
    static void createStream() {
        kinesis = KinesisClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + SERVER.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
        kinesis.createStream(b -> b.streamName("tailed").shardCount(2));
    }

    private static HttpRequest call(String operation, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SERVER.port() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "SluiceConsole_20261206." + operation)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=k/20260101/us-east-1/kinesis/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void theTailFromLatestStreamsEachRecordPutAfterItOnce() throws Exception {
        kinesis.putRecord(b -> b.streamName("tailed").partitionKey("before").data(SdkBytes.fromUtf8String("old")));
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(call("TailStream",
                "{\"StreamName\":\"tailed\",\"StartingPosition\":{\"Type\":\"LATEST\"}}"),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        List<String> sequences = new ArrayList<>();
        StringBuilder events = new StringBuilder();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String line;
                while (sequences.size() < 300 && (line = lines.readLine()) != null) {
                    events.append(line).append('\n');
                    Matcher m = SEQUENCE.matcher(line);
                    while (m.find()) {
                        sequences.add(m.group(1));
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Thread.sleep(300);
        for (int i = 0; i < 300; i++) {
            int n = i;
            kinesis.putRecord(b -> b.streamName("tailed").partitionKey("k" + n).data(SdkBytes.fromUtf8String("r" + n)));
        }
        reading.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(sequences).hasSize(300).doesNotHaveDuplicates();
        // "old" was put before the tail began, "r299" last: LATEST starts after the one and reaches the other
        assertThat(events.toString()).doesNotContain("\"Data\":\"b2xk\"").contains("\"Data\":\"cjI5OQ==\"")
                .contains("event: records");
    }

    @Test
    void theTailOfEveryShardFollowsASplitIntoTheChildren() throws Exception {
        kinesis.createStream(b -> b.streamName("resharded").shardCount(1));
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(call("TailStream",
                "{\"StreamName\":\"resharded\",\"StartingPosition\":{\"Type\":\"LATEST\"}}"),
                HttpResponse.BodyHandlers.ofInputStream());
        StringBuilder events = new StringBuilder();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    events.append(line).append('\n');
                    if (line.contains("\"PartitionKey\":\"after-split\"")) {
                        return;
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        kinesis.splitShard(b -> b.streamName("resharded").shardToSplit("shardId-000000000000")
                .newStartingHashKey("170141183460469231731687303715884105728"));
        kinesis.putRecord(b -> b.streamName("resharded").partitionKey("after-split")
                .data(SdkBytes.fromUtf8String("child")));
        reading.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(events.toString()).containsPattern("\"ShardId\":\"shardId-00000000000[12]\"");
    }

    @Test
    void aResumedTailGoesOnAfterTheLastSequenceNumberShownOfEachShardAndFromItsPositionOnTheOthers()
            throws Exception {
        kinesis.createStream(b -> b.streamName("resumed").shardCount(2));
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName("resumed"));
        String shown = kinesis.putRecord(b -> b.streamName("resumed").partitionKey("k").explicitHashKey("0")
                .data(SdkBytes.fromUtf8String("shown"))).sequenceNumber();
        kinesis.putRecord(b -> b.streamName("resumed").partitionKey("k").explicitHashKey("0")
                .data(SdkBytes.fromUtf8String("missed")));
        kinesis.putRecord(b -> b.streamName("resumed").partitionKey("k")
                .explicitHashKey("340282366920938463463374607431768211455").data(SdkBytes.fromUtf8String("other")));
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(call("TailStream",
                "{\"StreamName\":\"resumed\",\"StartingPosition\":{\"Type\":\"TRIM_HORIZON\"},"
                        + "\"ResumeAfter\":{\"shardId-000000000000\":\"" + shown + "\"}}"),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        StringBuilder events = new StringBuilder();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    events.append(line).append('\n');
                    if (line.startsWith("event: heartbeat")) {
                        return;
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        reading.get(10, java.util.concurrent.TimeUnit.SECONDS);
        String b64 = java.util.Base64.getEncoder().encodeToString("missed".getBytes(StandardCharsets.UTF_8));
        assertThat(events.toString()).contains("\"Data\":\"" + b64 + "\"")
                .contains(java.util.Base64.getEncoder().encodeToString("other".getBytes(StandardCharsets.UTF_8)))
                .doesNotContain(java.util.Base64.getEncoder().encodeToString("shown".getBytes(
                        StandardCharsets.UTF_8)));
    }

    @Test
    void theServerFactsNameTheVersionAndTheStreamsOnDisk() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(call("DescribeServer", "{}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"Version\":\"0.1.0-SNAPSHOT\"").contains("\"StreamName\":\"tailed\"")
                .contains("\"MetricsEndpoint\":\"/metrics\"").contains("\"BytesOnDisk\":");
    }
}
