package io.sluice.testkit.lambda;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class LambdaInvokeServerTest {

    /**
     * The Kinesis event of the Lambda developer guide's example, written out by hand: two records of shard
     * shardId-000000000006, base64 data, arrival times in epoch seconds with milliseconds as fractions.
     */
    private static final String GUIDE_EVENT = """
            {"Records": [
              {"kinesis": {"kinesisSchemaVersion": "1.0", "partitionKey": "1",
                 "sequenceNumber": "49590338271490256608559692538361571095921575989136588898",
                 "data": "SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==", "approximateArrivalTimestamp": 1545084650.987},
               "eventSource": "aws:kinesis", "eventVersion": "1.0",
               "eventID": "shardId-000000000006:49590338271490256608559692538361571095921575989136588898",
               "eventName": "aws:kinesis:record", "invokeIdentityArn": "arn:aws:iam::123456789012:role/lambda-role",
               "awsRegion": "us-east-2",
               "eventSourceARN": "arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream"},
              {"kinesis": {"kinesisSchemaVersion": "1.0", "partitionKey": "1",
                 "sequenceNumber": "49590338271490256608559692540925702759324208523137515618",
                 "data": "VGhpcyBpcyBvbmx5IGEgdGVzdC4=", "approximateArrivalTimestamp": 1545084711.166},
               "eventSource": "aws:kinesis", "eventVersion": "1.0",
               "eventID": "shardId-000000000006:49590338271490256608559692540925702759324208523137515618",
               "eventName": "aws:kinesis:record", "invokeIdentityArn": "arn:aws:iam::123456789012:role/lambda-role",
               "awsRegion": "us-east-2",
               "eventSourceARN": "arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream"}
            ]}
            """;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private LambdaInvokeServer server;

    @BeforeEach
    void start() throws IOException {
        server = LambdaInvokeServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    private HttpResponse<String> invoke(String functionName, String payload) throws Exception {
        return post(URI.create(server.endpoint() + "/2015-03-31/functions/" + functionName + "/invocations"),
                payload);
    }

    private HttpResponse<String> post(URI uri, String payload) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(payload))
                .header("X-Amz-Invocation-Type", "RequestResponse").build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRuntimesDeserializerReadsAwssDocumentedKinesisEvent() throws Exception {
        AtomicReference<KinesisEvent> received = new AtomicReference<>();
        server.register("consumer", KinesisEvent.class, event -> {
            received.set(event);
            return null;
        });

        HttpResponse<String> response = invoke("consumer", GUIDE_EVENT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Amz-Function-Error")).isEmpty();
        List<KinesisEvent.KinesisEventRecord> records = received.get().getRecords();
        assertThat(records).hasSize(2);
        KinesisEvent.KinesisEventRecord first = records.get(0);
        assertThat(first.getEventSource()).isEqualTo("aws:kinesis");
        assertThat(first.getEventVersion()).isEqualTo("1.0");
        assertThat(first.getEventName()).isEqualTo("aws:kinesis:record");
        assertThat(first.getEventID())
                .isEqualTo("shardId-000000000006:49590338271490256608559692538361571095921575989136588898");
        assertThat(first.getInvokeIdentityArn()).isEqualTo("arn:aws:iam::123456789012:role/lambda-role");
        assertThat(first.getAwsRegion()).isEqualTo("us-east-2");
        assertThat(first.getEventSourceARN()).isEqualTo("arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream");
        KinesisEvent.Record kinesis = first.getKinesis();
        assertThat(kinesis.getKinesisSchemaVersion()).isEqualTo("1.0");
        assertThat(kinesis.getPartitionKey()).isEqualTo("1");
        assertThat(kinesis.getSequenceNumber()).isEqualTo("49590338271490256608559692538361571095921575989136588898");
        assertThat(StandardCharsets.UTF_8.decode(kinesis.getData()).toString()).isEqualTo("Hello, this is a test.");
        assertThat(kinesis.getApproximateArrivalTimestamp().getTime()).isEqualTo(1_545_084_650_987L);
        assertThat(StandardCharsets.UTF_8.decode(records.get(1).getKinesis().getData()).toString())
                .isEqualTo("This is only a test.");
        assertThat(records.get(1).getKinesis().getApproximateArrivalTimestamp().getTime())
                .isEqualTo(1_545_084_711_166L);
        assertThat(response.body()).isEqualTo("null");
        assertThat(server.invocations("consumer")).singleElement()
                .satisfies(call -> assertThat(call.payloadText()).isEqualTo(GUIDE_EVENT));
    }

    @Test
    void aPartialBatchResponseIsWrittenAsTheRuntimeWritesIt() throws Exception {
        server.register("partial", KinesisEvent.class, event -> StreamsEventResponse.builder()
                .withBatchItemFailures(List.of(StreamsEventResponse.BatchItemFailure.builder()
                        .withItemIdentifier(event.getRecords().get(1).getKinesis().getSequenceNumber()).build()))
                .build());

        HttpResponse<String> response = invoke("partial", GUIDE_EVENT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(
                "{\"batchItemFailures\":[{\"itemIdentifier\":"
                        + "\"49590338271490256608559692540925702759324208523137515618\"}]}"));
    }

    @Test
    void aTumblingWindowEventCarriesItsStateBothWays() throws Exception {
        AtomicReference<KinesisTimeWindowEvent> received = new AtomicReference<>();
        server.register("window", KinesisTimeWindowEvent.class, event -> {
            received.set(event);
            int count = Integer.parseInt(event.getState().getOrDefault("count", "0")) + event.getRecords().size();
            return TimeWindowEventResponse.builder().withState(Map.of("count", Integer.toString(count)))
                    .withBatchItemFailures(List.of()).build();
        });
        ObjectNode event = (ObjectNode) JSON.readTree(GUIDE_EVENT);
        event.put("shardId", "shardId-000000000006")
                .put("eventSourceARN", "arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream")
                .put("isFinalInvokeForWindow", true)
                .put("isWindowTerminatedEarly", false);
        event.putObject("window").put("start", "2020-07-30T17:00:00Z").put("end", "2020-07-30T17:05:00Z");
        event.putObject("state").put("count", "3");

        HttpResponse<String> response = invoke("window", JSON.writeValueAsString(event));

        assertThat(received.get().getShardId()).isEqualTo("shardId-000000000006");
        assertThat(received.get().getEventSourceArn())
                .isEqualTo("arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream");
        assertThat(received.get().getIsFinalInvokeForWindow()).isTrue();
        assertThat(received.get().getIsWindowTerminatedEarly()).isFalse();
        assertThat(received.get().getWindow().getStart()).isEqualTo("2020-07-30T17:00:00Z");
        assertThat(received.get().getWindow().getEnd()).isEqualTo("2020-07-30T17:05:00Z");
        assertThat(received.get().getRecords()).hasSize(2);
        assertThat(JSON.readTree(response.body()))
                .isEqualTo(JSON.readTree("{\"state\":{\"count\":\"5\"},\"batchItemFailures\":[]}"));
    }

    @Test
    void aThrowingHandlerIsAnUnhandledFunctionError() throws Exception {
        server.register("broken", KinesisEvent.class, event -> {
            throw new IllegalStateException("poison record");
        });

        HttpResponse<String> response = invoke("broken", GUIDE_EVENT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Amz-Function-Error")).hasValue("Unhandled");
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("errorMessage").asText()).isEqualTo("poison record");
        assertThat(error.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.path("stackTrace").isArray()).isTrue();
        assertThat(server.invocations("broken")).singleElement()
                .satisfies(call -> assertThat(call.functionError()).isEqualTo("Unhandled"));
    }

    @Test
    void aPayloadTheRuntimeCannotReadIsAFunctionError() throws Exception {
        server.register("consumer", KinesisEvent.class, event -> null);

        HttpResponse<String> response = invoke("consumer", "{\"Records\": [{\"kinesis\": {\"data\": 42.5.3}}]}");

        assertThat(response.headers().firstValue("X-Amz-Function-Error")).hasValue("Unhandled");
    }

    @Test
    void scriptedAnswersComeFirstThenTheHandlerRunsAgain() throws Exception {
        server.register("busy", KinesisEvent.class, event -> null);
        server.script("busy", FunctionAnswer.throttle(), FunctionAnswer.serviceError());

        HttpResponse<String> throttled = invoke("busy", GUIDE_EVENT);
        HttpResponse<String> failed = invoke("busy", GUIDE_EVENT);
        HttpResponse<String> served = invoke("busy", GUIDE_EVENT);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("X-Amzn-ErrorType")).hasValue("TooManyRequestsException");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.headers().firstValue("X-Amzn-ErrorType")).hasValue("ServiceException");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(server.invocations("busy")).extracting(RecordedInvocation::status).containsExactly(429, 500, 200);
    }

    @Test
    void anEventInvocationRunsTheHandlerAndAnswers202() throws Exception {
        AtomicReference<KinesisEvent> received = new AtomicReference<>();
        server.register("async", KinesisEvent.class, event -> {
            received.set(event);
            return null;
        });
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.endpoint()
                        + "/2015-03-31/functions/async/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString(GUIDE_EVENT)).header("X-Amz-Invocation-Type", "Event")
                .build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(received.get().getRecords()).hasSize(2);
        assertThat(server.invocations("async")).singleElement()
                .satisfies(call -> assertThat(call.invocationType()).isEqualTo("Event"));
    }

    @Test
    void anUnknownFunctionIsResourceNotFound() throws Exception {
        HttpResponse<String> response = invoke("missing", GUIDE_EVENT);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("X-Amzn-ErrorType")).hasValue("ResourceNotFoundException");
        assertThat(JSON.readTree(response.body()).path("message").asText())
                .isEqualTo("Function not found: " + server.functionArn("missing"));
    }

    @Test
    void aFunctionIsFoundByArnPartialArnOrQualifiedName() throws Exception {
        server.register("named", KinesisEvent.class, event -> null);

        assertThat(invoke(server.functionArn("named"), GUIDE_EVENT).statusCode()).isEqualTo(200);
        assertThat(invoke("arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Anamed%3Alive", GUIDE_EVENT)
                .statusCode()).isEqualTo(200);
        assertThat(invoke("123456789012:function:named", GUIDE_EVENT).statusCode()).isEqualTo(200);
        assertThat(invoke("named:$LATEST", GUIDE_EVENT).statusCode()).isEqualTo(200);
        assertThat(server.invocations("named")).hasSize(4);
    }

    @Test
    void aFunctionUrlServesPostToTheRoot() throws Exception {
        AtomicReference<KinesisEvent> received = new AtomicReference<>();
        server.register("url", KinesisEvent.class, event -> {
            received.set(event);
            return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
        });
        server.register("url-broken", KinesisEvent.class, event -> {
            throw new IllegalStateException("no");
        });

        HttpResponse<String> ok = post(server.functionUrl("url"), GUIDE_EVENT);
        HttpResponse<String> broken = post(server.functionUrl("url-broken"), GUIDE_EVENT);

        assertThat(server.functionUrl("url").getPath()).isEqualTo("/");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ok.body())).isEqualTo(JSON.readTree("{\"batchItemFailures\":[]}"));
        assertThat(received.get().getRecords()).hasSize(2);
        assertThat(broken.statusCode()).isEqualTo(502);
        assertThat(server.invocations("url")).singleElement().satisfies(call -> assertThat(call.viaUrl()).isTrue());
    }

    @Test
    void awaitingInvocationsReturnsOnceTheyArrived() throws Exception {
        server.register("later", KinesisEvent.class, event -> null);
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                invoke("later", GUIDE_EVENT);
                invoke("later", GUIDE_EVENT);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        List<RecordedInvocation> seen = server.awaitInvocations("later", 2, Duration.ofSeconds(30));

        assertThat(seen).hasSize(2);
        caller.join();
    }
}
