package io.sluice.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The set-up and tear-down calls of a run, made one at a time and waited for: find or create the stream and wait
 * until it is ACTIVE, list its shards, register and deregister a fan-out consumer, delete the stream. Expected
 * answers (a stream that does not exist yet) are return values; anything that stops the run is a
 * {@link BenchException} naming the call and the error. Call from one thread.
 */
final class ControlPlane {

    private static final long STATUS_POLL_MILLIS = 100;

    private final HttpConnection connection;
    private final RequestFactory requests;
    private final WireCodec codec;
    private final Duration callTimeout;

    /** The answer of one call: a body, or an error. */
    private record Answer(JsonNode body, ApiError error) {
    }

    ControlPlane(HttpConnection connection, RequestFactory requests, WireCodec codec, Duration callTimeout) {
        this.connection = connection;
        this.requests = requests;
        this.codec = codec;
        this.callTimeout = callTimeout;
    }

    /** The stream, created with {@code shards} shards if missing, once ACTIVE (waiting up to {@code wait}). */
    StreamInfo ensureStream(String name, int shards, Duration wait) throws InterruptedException {
        Answer described = call("DescribeStreamSummary", Map.of("StreamName", name));
        boolean created = false;
        if (described.error() != null && described.error().type().equals("ResourceNotFoundException")) {
            require(call("CreateStream", Map.of("StreamName", name, "ShardCount", shards)), "CreateStream");
            created = true;
        } else {
            require(described, "DescribeStreamSummary");
        }
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            JsonNode summary = require(call("DescribeStreamSummary", Map.of("StreamName", name)),
                    "DescribeStreamSummary").path("StreamDescriptionSummary");
            String status = summary.path("StreamStatus").asText();
            if (status.equals("ACTIVE")) {
                return new StreamInfo(name, summary.path("StreamARN").asText(),
                        summary.path("OpenShardCount").asInt(), created);
            }
            if (status.equals("DELETING")) {
                throw new BenchException("stream " + name + " is being deleted; try again when it is gone");
            }
            if (System.nanoTime() > deadline) {
                throw new BenchException("stream " + name + " is still " + status + " after " + wait.toSeconds()
                        + " s");
            }
            Thread.sleep(STATUS_POLL_MILLIS);
        }
    }

    /** Every shard of the stream, open or closed, in the order ListShards gives them. */
    List<String> listShards(String name) throws InterruptedException {
        List<String> shards = new ArrayList<>();
        Map<String, String> page = Map.of("StreamName", name);
        while (true) {
            JsonNode answer = require(call("ListShards", page), "ListShards");
            answer.path("Shards").forEach(shard -> shards.add(shard.path("ShardId").asText()));
            String next = answer.path("NextToken").asText(null);
            if (next == null) {
                return shards;
            }
            page = Map.of("NextToken", next);
        }
    }

    /**
     * Registers an enhanced fan-out consumer and returns its ARN once it is ACTIVE (waiting up to {@code wait}).
     * An endpoint that does not serve fan-out is told apart from other failures.
     */
    String registerConsumer(StreamInfo stream, String name, Duration wait) throws InterruptedException {
        Answer registered = call("RegisterStreamConsumer", Map.of("StreamARN", stream.arn(), "ConsumerName", name));
        if (registered.error() != null && registered.error().type().equals("UnknownOperationException")) {
            throw new BenchException("the endpoint does not serve enhanced fan-out (RegisterStreamConsumer answered "
                    + registered.error() + "); use --consumers polling");
        }
        String arn = require(registered, "RegisterStreamConsumer").path("Consumer").path("ConsumerARN").asText();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            String status = require(call("DescribeStreamConsumer", Map.of("ConsumerARN", arn)),
                    "DescribeStreamConsumer").path("ConsumerDescription").path("ConsumerStatus").asText();
            if (status.equals("ACTIVE")) {
                return arn;
            }
            if (System.nanoTime() > deadline) {
                throw new BenchException("consumer " + name + " is still " + status + " after " + wait.toSeconds()
                        + " s");
            }
            Thread.sleep(STATUS_POLL_MILLIS);
        }
    }

    void deregisterConsumer(String arn) throws InterruptedException {
        require(call("DeregisterStreamConsumer", Map.of("ConsumerARN", arn)), "DeregisterStreamConsumer");
    }

    void deleteStream(String name) throws InterruptedException {
        require(call("DeleteStream", Map.of("StreamName", name, "EnforceConsumerDeletion", true)), "DeleteStream");
    }

    private JsonNode require(Answer answer, String operation) {
        if (answer.error() != null) {
            throw new BenchException(operation + " failed: " + answer.error());
        }
        return answer.body();
    }

    private Answer call(String operation, Map<String, ?> body) throws InterruptedException {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        connection.send(requests.post(operation, codec.encode(body)), new HttpConnection.Listener() {
            @Override
            public void onResponse(int status, ByteBuf content) {
                try {
                    answer.complete(status == 200 ? new Answer(codec.decode(content), null)
                            : new Answer(null, codec.error(status, content)));
                } catch (IOException e) {
                    answer.complete(new Answer(null, new ApiError(status, "UnreadableAnswer", e.getMessage())));
                }
            }

            @Override
            public void onFailure(Throwable cause) {
                answer.complete(new Answer(null, ApiError.transport(cause)));
            }
        });
        try {
            // the connection's own timeout ends the exchange first; this only guards against a lost callback
            return answer.get(callTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new BenchException(operation + " got no answer", e);
        }
    }
}
