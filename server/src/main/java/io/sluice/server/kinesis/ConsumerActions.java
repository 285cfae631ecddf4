package io.sluice.server.kinesis;

import io.sluice.common.ServiceException;
import io.sluice.common.StreamArn;
import io.sluice.engine.ConsumerPage;
import io.sluice.engine.ConsumerView;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.StreamKey;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;

import java.util.Map;
import java.util.regex.Pattern;

/** RegisterStreamConsumer, DescribeStreamConsumer, ListStreamConsumers, DeregisterStreamConsumer. Thread-safe. */
final class ConsumerActions {

    static final Pattern CONSUMER_ARN = Pattern.compile(
            "^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+");
    private static final int LIST_PAGE = 100;

    private final KinesisEngine engine;

    ConsumerActions(KinesisEngine engine) {
        this.engine = engine;
    }

    private static Validator validateRefs(WireObject in) {
        String consumerArn = in.string("ConsumerARN");
        String streamArn = in.string("StreamARN");
        String name = in.string("ConsumerName");
        return new Validator().length("consumerARN", consumerArn, 1, 2048)
                .pattern("consumerARN", consumerArn, CONSUMER_ARN)
                .length("streamARN", streamArn, 1, 2048).pattern("streamARN", streamArn, Validator.STREAM_ARN)
                .length("consumerName", name, 1, 128).pattern("consumerName", name, Validator.NAME);
    }

    private static StreamKey streamOf(String streamArn) {
        if (streamArn == null) {
            return null;
        }
        StreamArn arn = StreamArn.parseOrNull(streamArn);
        if (arn == null) {
            throw ServiceException.invalidArgument("StreamARN " + streamArn + " is not a valid stream ARN.");
        }
        return new StreamKey(arn.account(), arn.region(), arn.streamName());
    }

    void register(RequestContext context, WireObject in, ResponseWriter out) {
        String streamArn = in.string("StreamARN");
        String name = in.string("ConsumerName");
        Map<String, String> tags = in.stringMap("Tags");
        SettingsActions.validateTags(validateRefs(in).required("streamARN", streamArn).required("consumerName", name),
                "tags", tags).check();
        ConsumerView view = engine.consumers().register(streamOf(streamArn), name, tags == null ? Map.of() : tags);
        out.startObject("Consumer");
        writeConsumer(out, view);
        out.endObject();
    }

    void describe(RequestContext context, WireObject in, ResponseWriter out) {
        validateRefs(in).check();
        ConsumerView view = engine.consumers().describe(in.string("ConsumerARN"), streamOf(in.string("StreamARN")),
                in.string("ConsumerName"));
        out.startObject("ConsumerDescription");
        writeConsumer(out, view);
        out.string("StreamARN", view.meta().stream().arn().toString()).endObject();
    }

    void list(RequestContext context, WireObject in, ResponseWriter out) {
        String streamArn = in.string("StreamARN");
        String token = in.string("NextToken");
        Integer max = in.integer("MaxResults");
        new Validator().required("streamARN", streamArn).length("streamARN", streamArn, 1, 2048)
                .pattern("streamARN", streamArn, Validator.STREAM_ARN).length("nextToken", token, 1, 1048576)
                .range("maxResults", max, 1, 10000).check();
        in.timestampMillis("StreamCreationTimestamp");
        ConsumerPage page = engine.consumers().list(streamOf(streamArn), Math.min(max == null ? LIST_PAGE : max,
                LIST_PAGE), token);
        out.startArray("Consumers");
        for (ConsumerView view : page.consumers()) {
            out.startObject();
            writeConsumer(out, view);
            out.endObject();
        }
        out.endArray().string("NextToken", page.nextToken());
    }

    void deregister(RequestContext context, WireObject in, ResponseWriter out) {
        validateRefs(in).check();
        engine.consumers().deregister(in.string("ConsumerARN"), streamOf(in.string("StreamARN")),
                in.string("ConsumerName"));
    }

    private static void writeConsumer(ResponseWriter out, ConsumerView view) {
        out.string("ConsumerName", view.meta().name())
                .string("ConsumerARN", view.meta().arn().toString())
                .string("ConsumerStatus", view.status().name())
                .timestamp("ConsumerCreationTimestamp", view.meta().createdAt());
    }
}
