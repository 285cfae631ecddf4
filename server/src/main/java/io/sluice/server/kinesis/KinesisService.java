package io.sluice.server.kinesis;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.common.StreamArn;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.IteratorToken;
import io.sluice.engine.limits.ControlPlaneLimiter;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.WireObject;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.metrics.KinesisMetrics;
import io.sluice.server.pipeline.Api;
import io.sluice.server.pipeline.ApiCall;
import io.sluice.server.pipeline.ApiDefinition;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Kinesis Data Streams API ({@code Kinesis_20131202}) as it registers with the request pipeline: its
 * operations, the stream or consumer each call acts on, its control-plane call rates and per-stream metrics, and
 * the actions, which write their answer in the request's format (JSON or CBOR). Operations whose model has no
 * output answer an empty body, as AWS does; SubscribeToShard answers with a stream of events. Thread-safe.
 */
public final class KinesisService implements Api {

    public static final String TARGET = "Kinesis_20131202";

    private static final String SUBSCRIBE = "SubscribeToShard";
    private static final String GET_RECORDS = "GetRecords";
    private static final ApiCall.Key<IteratorToken> ITERATOR = new ApiCall.Key<>("shard iterator");
    /** Operations whose call rate AWS limits per stream rather than per account. */
    private static final Set<String> PER_STREAM_RATES = Set.of("ListShards");
    /** Operations whose botocore model has no output shape: AWS answers them with an empty body. */
    private static final Set<String> NO_OUTPUT = Set.of("AddTagsToStream", "CreateStream",
            "DecreaseStreamRetentionPeriod", "DeleteResourcePolicy", "DeleteStream", "DeregisterStreamConsumer",
            "IncreaseStreamRetentionPeriod", "MergeShards", "PutResourcePolicy", "RemoveTagsFromStream", "SplitShard",
            "StartStreamEncryption", "StopStreamEncryption", "TagResource", "UntagResource", "UpdateMaxRecordSize",
            "UpdateStreamMode");
    private static final byte[] EMPTY = new byte[0];

    private final Map<String, KinesisAction> actions;
    private final KinesisEngine engine;
    private final KinesisMetrics metrics;
    private final SubscribeAction subscribe;
    private final RecordActions records;
    private final ApiDefinition definition;

    public KinesisService(KinesisEngine engine, KinesisMetrics metrics) {
        this.engine = engine;
        this.metrics = metrics;
        StreamActions streams = new StreamActions(engine);
        this.records = new RecordActions(engine);
        ReshardActions reshards = new ReshardActions(engine);
        SettingsActions settings = new SettingsActions(engine);
        ConsumerActions consumers = new ConsumerActions(engine);
        this.subscribe = new SubscribeAction(engine, metrics);
        this.actions = Map.ofEntries(
                Map.entry("CreateStream", streams::create),
                Map.entry("DeleteStream", streams::delete),
                Map.entry("DescribeStream", streams::describe),
                Map.entry("DescribeStreamSummary", streams::describeSummary),
                Map.entry("ListStreams", streams::listStreams),
                Map.entry("ListShards", streams::listShards),
                Map.entry("IncreaseStreamRetentionPeriod", streams::increaseRetention),
                Map.entry("DecreaseStreamRetentionPeriod", streams::decreaseRetention),
                Map.entry("PutRecord", records::putRecord),
                Map.entry("PutRecords", records::putRecords),
                Map.entry("GetShardIterator", records::getShardIterator),
                Map.entry("GetRecords", records::getRecords),
                Map.entry("SplitShard", reshards::split),
                Map.entry("MergeShards", reshards::merge),
                Map.entry("UpdateShardCount", reshards::updateShardCount),
                Map.entry("AddTagsToStream", settings::addTags),
                Map.entry("RemoveTagsFromStream", settings::removeTags),
                Map.entry("ListTagsForStream", settings::listTagsForStream),
                Map.entry("TagResource", settings::tagResource),
                Map.entry("UntagResource", settings::untagResource),
                Map.entry("ListTagsForResource", settings::listTagsForResource),
                Map.entry("EnableEnhancedMonitoring", settings::enableMonitoring),
                Map.entry("DisableEnhancedMonitoring", settings::disableMonitoring),
                Map.entry("UpdateStreamMode", settings::updateStreamMode),
                Map.entry("UpdateMaxRecordSize", settings::updateMaxRecordSize),
                Map.entry("UpdateStreamWarmThroughput", settings::updateWarmThroughput),
                Map.entry("PutResourcePolicy", settings::putResourcePolicy),
                Map.entry("GetResourcePolicy", settings::getResourcePolicy),
                Map.entry("DeleteResourcePolicy", settings::deleteResourcePolicy),
                Map.entry("DescribeLimits", settings::describeLimits),
                Map.entry("DescribeAccountSettings", settings::describeAccountSettings),
                Map.entry("UpdateAccountSettings", settings::updateAccountSettings),
                Map.entry("StartStreamEncryption", settings::startEncryption),
                Map.entry("StopStreamEncryption", settings::stopEncryption),
                Map.entry("RegisterStreamConsumer", consumers::register),
                Map.entry("DescribeStreamConsumer", consumers::describe),
                Map.entry("ListStreamConsumers", consumers::list),
                Map.entry("DeregisterStreamConsumer", consumers::deregister));
        Set<String> operations = new HashSet<>(actions.keySet());
        operations.add(SUBSCRIBE);
        this.definition = new ApiDefinition(TARGET, "kinesis", "kinesis", "kinesis.amazonaws.com", operations,
                KinesisResources.DATA_PLANE, operations.stream().filter(KinesisService::readOnly)
                .collect(Collectors.toSet()), true, ErrorType.INTERNAL_FAILURE);
    }

    /** CloudTrail marks calls that change nothing as read-only. */
    private static boolean readOnly(String operation) {
        return operation.startsWith("Describe") || operation.startsWith("List") || operation.startsWith("Get")
                || operation.equals(SUBSCRIBE);
    }

    @Override
    public ApiDefinition definition() {
        return definition;
    }

    @Override
    public List<String> resources(ApiCall call) {
        return List.of(KinesisResources.resource(call.caller().context(), call.input(), iterator(call)));
    }

    /** A GetRecords call's iterator, its signature checked once for authorization, the read and metrics. */
    private IteratorToken iterator(ApiCall call) {
        return call.operation().equals(GET_RECORDS)
                ? call.derived(ITERATOR, c -> engine.records().openIterator(c.input().string("ShardIterator")))
                : null;
    }

    @Override
    public ApiResponse serve(ApiCall call) {
        if (call.operation().equals(SUBSCRIBE)) {
            return subscribe.handle(call.input());
        }
        ResponseWriter output = new ResponseWriter(call.format());
        if (call.operation().equals(GET_RECORDS)) {
            records.getRecords(iterator(call), call.input(), output);
        } else {
            actions.get(call.operation()).handle(call.caller().context(), call.input(), output);
        }
        return ApiResponse.ok(call.format().contentType(), NO_OUTPUT.contains(call.operation()) ? EMPTY
                : output.finish());
    }

    /** Control-plane call rates: per account, or per stream for the operations AWS limits per stream. */
    @Override
    public void throttle(ApiCall call, ControlPlaneLimiter limiter) {
        String operation = call.operation();
        RequestContext context = call.caller().context();
        WireObject input = call.input();
        String scope = context.account() + "/" + context.region();
        if (PER_STREAM_RATES.contains(operation) || operation.equals("UpdateShardCount")) {
            scope = scope + "/" + streamName(input);
        }
        if (operation.equals("UpdateShardCount")) {
            limiter.acquireUpdateShardCount(scope);
        }
        if (!operation.equals(LimitSettings.GET_SHARD_ITERATOR)) {
            limiter.acquire(operation, scope);
        }
    }

    private static String streamName(WireObject input) {
        String stream = input.string("StreamName");
        if (stream == null && input.string("StreamARN") != null) {
            StreamArn arn = StreamArn.parseOrNull(input.string("StreamARN"));
            stream = arn == null ? null : arn.streamName();
        }
        return stream;
    }

    @Override
    public void recordMetrics(ApiCall call, Duration latency, boolean success) {
        String operation = call.operation();
        WireObject input = call.input();
        try {
            String stream = streamName(input);
            IteratorToken iterator = iterator(call);
            if (stream == null && iterator != null && iterator.valid()) {
                stream = iterator.stream().name();
            }
            metrics.operation(operation, stream, latency, success);
        } catch (ServiceException wrongTypes) {
            // a body whose members have the wrong types was already answered; there is no stream to count it on
        }
    }
}
