package io.sluice.server.kinesis;

import io.sluice.common.ConsumerArn;
import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.engine.IteratorType;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.ShardSubscription;
import io.sluice.engine.SubscriptionEvent;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireFormat;
import io.sluice.protocol.WireObject;
import io.sluice.protocol.eventstream.EventStreamCodec;
import io.sluice.protocol.eventstream.EventStreamMessage;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.http.StreamingBody;
import io.sluice.server.metrics.KinesisMetrics;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * SubscribeToShard: checks the request, opens the subscription (errors so far are ordinary error responses), then
 * streams AWS event-stream messages: an initial-response, then SubscribeToShardEvents as records arrive and as
 * heartbeats while idle, ending at the subscription's end; failures after the start go out as exception frames.
 * Event payloads are JSON whatever the request's format, as AWS sends them. Thread-safe.
 */
final class SubscribeAction {

    static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";
    private static final long HEARTBEAT_MILLIS = 1000;
    private static final List<String> TYPES = Arrays.stream(IteratorType.values()).map(Enum::name).toList();

    private final KinesisEngine engine;
    private final KinesisMetrics metrics;

    SubscribeAction(KinesisEngine engine, KinesisMetrics metrics) {
        this.engine = engine;
        this.metrics = metrics;
    }

    ApiResponse handle(WireObject in) {
        String consumerArn = in.string("ConsumerARN");
        String shardId = in.string("ShardId");
        WireObject position = in.object("StartingPosition");
        String type = position == null ? null : position.string("Type");
        new Validator().required("consumerARN", consumerArn).length("consumerARN", consumerArn, 1, 2048)
                .pattern("consumerARN", consumerArn, ConsumerActions.CONSUMER_ARN).required("shardId", shardId)
                .length("shardId", shardId, 1, 128).pattern("shardId", shardId, Validator.NAME)
                .required("startingPosition", position).required("startingPosition.type", type)
                .oneOf("startingPosition.type", type, TYPES).check();
        String sequence = position.string("SequenceNumber");
        new Validator().pattern("startingPosition.sequenceNumber", sequence, Validator.SEQUENCE_NUMBER).check();
        ConsumerArn consumer = ConsumerArn.parseOrNull(consumerArn);
        String streamName = consumer == null ? null : consumer.stream().streamName();
        ShardSubscription subscription;
        try {
            subscription = engine.records().subscribeToShard(consumerArn, shardId, IteratorType.valueOf(type), sequence,
                    position.timestampMillis("Timestamp"));
        } catch (ServiceException e) {
            if (e.type() == ErrorType.RESOURCE_IN_USE && streamName != null) {
                metrics.subscribeToShardRateExceeded(streamName);
            }
            throw e;
        }
        return ApiResponse.streamed(CONTENT_TYPE, sink -> stream(subscription, streamName, sink));
    }

    private void stream(ShardSubscription subscription, String streamName, StreamingBody.ChunkSink sink)
            throws InterruptedException {
        try {
            if (!sink.send(EventStreamCodec.encode(EventStreamMessage.event("initial-response",
                    "{}".getBytes(StandardCharsets.UTF_8))))) {
                return;
            }
            SubscriptionEvent event;
            while ((event = subscription.next(HEARTBEAT_MILLIS)) != null) {
                if (!sink.send(EventStreamCodec.encode(EventStreamMessage.event("SubscribeToShardEvent",
                        payload(event))))) {
                    return;
                }
                long bytes = event.records().stream().mapToLong(r -> r.data().length).sum();
                metrics.subscribeToShardEvent(streamName, event.records().size(), bytes, event.millisBehindLatest());
            }
        } catch (ServiceException e) {
            byte[] message = new ResponseWriter(WireFormat.JSON).string("message", e.getMessage()).finish();
            sink.send(EventStreamCodec.encode(EventStreamMessage.exception(e.type().awsName(), message)));
        } finally {
            subscription.close();
        }
    }

    static byte[] payload(SubscriptionEvent event) {
        ResponseWriter out = new ResponseWriter(WireFormat.JSON);
        ShardWriter.records(out, event.records());
        if (event.continuation() != null) {
            out.sequenceNumber("ContinuationSequenceNumber", event.continuation());
        }
        out.number("MillisBehindLatest", event.millisBehindLatest());
        ShardWriter.childShards(out, event.childShards());
        return out.finish();
    }
}
