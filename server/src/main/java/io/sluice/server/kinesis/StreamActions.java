package io.sluice.server.kinesis;

import io.sluice.common.ServiceException;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.ShardFilter;
import io.sluice.engine.ShardMeta;
import io.sluice.engine.ShardPage;
import io.sluice.engine.StreamKey;
import io.sluice.engine.StreamMeta;
import io.sluice.engine.StreamMode;
import io.sluice.engine.StreamPage;
import io.sluice.engine.StreamView;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The control-plane operations on streams: create, delete, describe, list, retention. Thread-safe. */
final class StreamActions {

    private static final List<String> STREAM_MODES = Arrays.stream(StreamMode.values()).map(Enum::name).toList();
    private static final List<String> FILTER_TYPES = Arrays.stream(ShardFilter.Type.values()).map(Enum::name).toList();
    private static final int DESCRIBE_PAGE = 100;
    private static final int LIST_STREAMS_PAGE = 100;
    private static final int LIST_SHARDS_PAGE = 1000;

    private final KinesisEngine engine;

    StreamActions(KinesisEngine engine) {
        this.engine = engine;
    }

    void create(RequestContext context, WireObject in, ResponseWriter out) {
        String name = in.string("StreamName");
        Integer shardCount = in.integer("ShardCount");
        WireObject modeDetails = in.object("StreamModeDetails");
        String mode = modeDetails == null ? null : modeDetails.string("StreamMode");
        Validator validator = new Validator().required("streamName", name).length("streamName", name, 1, 128)
                .pattern("streamName", name, Validator.NAME).range("shardCount", shardCount, 1, Integer.MAX_VALUE)
                .range("maxRecordSizeInKiB", in.integer("MaxRecordSizeInKiB"), 1024, 10240);
        if (modeDetails != null) {
            validator.required("streamModeDetails.streamMode", mode).oneOf("streamModeDetails.streamMode", mode,
                    STREAM_MODES);
        }
        Map<String, String> tags = in.stringMap("Tags");
        Integer warm = in.integer("WarmThroughputMiBps");
        SettingsActions.validateTags(validator, "tags", tags).range("warmThroughputMiBps", warm, 0, Integer.MAX_VALUE)
                .check();
        engine.streams().create(new StreamKey(context.account(), context.region(), name), shardCount,
                mode == null ? null : StreamMode.valueOf(mode), in.integer("MaxRecordSizeInKiB"),
                tags == null ? Map.of() : tags, warm);
    }

    void delete(RequestContext context, WireObject in, ResponseWriter out) {
        StreamRefs.validate(new Validator(), in).check();
        Boolean enforce = in.bool("EnforceConsumerDeletion");
        engine.streams().delete(StreamRefs.resolve(context, in), enforce != null && enforce);
    }

    void describe(RequestContext context, WireObject in, ResponseWriter out) {
        Integer limit = in.integer("Limit");
        String start = in.string("ExclusiveStartShardId");
        StreamRefs.validate(new Validator(), in).range("limit", limit, 1, 10000)
                .length("exclusiveStartShardId", start, 1, 128)
                .pattern("exclusiveStartShardId", start, Validator.NAME).check();
        StreamView view = engine.streams().describe(StreamRefs.resolve(context, in));
        StreamMeta meta = view.meta();
        List<ShardMeta> shards = engine.shards().describe(meta, start);
        int pageSize = Math.min(limit == null ? DESCRIBE_PAGE : limit, DESCRIBE_PAGE);
        List<ShardMeta> page = shards.size() > pageSize ? shards.subList(0, pageSize) : shards;
        out.startObject("StreamDescription")
                .string("StreamName", meta.key().name())
                .string("StreamARN", meta.key().arn().toString())
                .string("StreamStatus", view.status().name());
        ShardWriter.streamMode(out, meta);
        out.startArray("Shards");
        page.forEach(shard -> ShardWriter.shard(out, shard));
        out.endArray()
                .bool("HasMoreShards", shards.size() > page.size())
                .number("RetentionPeriodHours", meta.retentionHours())
                .timestamp("StreamCreationTimestamp", meta.createdAt());
        ShardWriter.enhancedMonitoring(out, meta);
        ShardWriter.encryption(out, meta);
        out.endObject();
    }

    void describeSummary(RequestContext context, WireObject in, ResponseWriter out) {
        StreamRefs.validate(new Validator(), in).check();
        StreamView view = engine.streams().describe(StreamRefs.resolve(context, in));
        StreamMeta meta = view.meta();
        out.startObject("StreamDescriptionSummary")
                .string("StreamName", meta.key().name())
                .string("StreamARN", meta.key().arn().toString())
                .string("StreamStatus", view.status().name());
        ShardWriter.streamMode(out, meta);
        out.number("RetentionPeriodHours", meta.retentionHours())
                .timestamp("StreamCreationTimestamp", meta.createdAt());
        ShardWriter.enhancedMonitoring(out, meta);
        ShardWriter.encryption(out, meta);
        out.number("OpenShardCount", meta.openShardCount())
                .number("ConsumerCount", engine.consumers().count(meta))
                .number("MaxRecordSizeInKiB", meta.maxRecordSizeKiB())
                // the newest clients (the KPL among them) ask; Sluice routes by partition key, as AWS's default
                .string("RecordDistributionStrategy", "USER_PARTITION_KEY");
        ShardWriter.warmThroughput(out, meta);
        out.endObject();
    }

    void listStreams(RequestContext context, WireObject in, ResponseWriter out) {
        Integer limit = in.integer("Limit");
        String start = in.string("ExclusiveStartStreamName");
        String token = in.string("NextToken");
        new Validator().range("limit", limit, 1, 10000).length("exclusiveStartStreamName", start, 1, 128)
                .pattern("exclusiveStartStreamName", start, Validator.NAME)
                .length("nextToken", token, 1, 1048576).check();
        int pageSize = Math.min(limit == null ? LIST_STREAMS_PAGE : limit, LIST_STREAMS_PAGE);
        StreamPage page = engine.streams().list(context.account(), context.region(), pageSize, start, token);
        out.startArray("StreamNames");
        page.streams().forEach(view -> out.string(view.meta().key().name()));
        out.endArray().bool("HasMoreStreams", page.hasMore()).string("NextToken", page.nextToken());
        out.startArray("StreamSummaries");
        for (StreamView view : page.streams()) {
            out.startObject()
                    .string("StreamName", view.meta().key().name())
                    .string("StreamARN", view.meta().key().arn().toString())
                    .string("StreamStatus", view.status().name());
            ShardWriter.streamMode(out, view.meta());
            out.timestamp("StreamCreationTimestamp", view.meta().createdAt()).endObject();
        }
        out.endArray();
    }

    void listShards(RequestContext context, WireObject in, ResponseWriter out) {
        String token = in.string("NextToken");
        String start = in.string("ExclusiveStartShardId");
        Integer maxResults = in.integer("MaxResults");
        WireObject filterIn = in.object("ShardFilter");
        Validator validator = StreamRefs.validate(new Validator(), in).length("nextToken", token, 1, 1048576)
                .length("exclusiveStartShardId", start, 1, 128)
                .pattern("exclusiveStartShardId", start, Validator.NAME).range("maxResults", maxResults, 1, 10000);
        ShardFilter filter = null;
        if (filterIn != null) {
            String type = filterIn.string("Type");
            String shardId = filterIn.string("ShardId");
            validator.required("shardFilter.type", type).oneOf("shardFilter.type", type, FILTER_TYPES)
                    .length("shardFilter.shardId", shardId, 1, 128)
                    .pattern("shardFilter.shardId", shardId, Validator.NAME);
            validator.check();
            Long timestamp = filterIn.timestampMillis("Timestamp");
            filter = new ShardFilter(ShardFilter.Type.valueOf(type), shardId, timestamp == null ? -1 : timestamp);
        }
        validator.check();
        int pageSize = Math.min(maxResults == null ? LIST_SHARDS_PAGE : maxResults, LIST_SHARDS_PAGE);
        ShardPage page;
        if (token != null) {
            for (String member : List.of("StreamName", "StreamARN", "ExclusiveStartShardId",
                    "StreamCreationTimestamp")) {
                if (in.has(member)) {
                    throw ServiceException.invalidArgument("NextToken and " + member + " cannot be provided together.");
                }
            }
            page = engine.shards().list(null, token, null, pageSize, null);
        } else {
            in.timestampMillis("StreamCreationTimestamp");
            page = engine.shards().list(StreamRefs.resolve(context, in), null, start, pageSize, filter);
        }
        out.startArray("Shards");
        page.shards().forEach(shard -> ShardWriter.shard(out, shard));
        out.endArray().string("NextToken", page.nextToken());
    }

    void increaseRetention(RequestContext context, WireObject in, ResponseWriter out) {
        Integer hours = in.integer("RetentionPeriodHours");
        StreamRefs.validate(new Validator(), in).required("retentionPeriodHours", hours).check();
        engine.streams().increaseRetention(StreamRefs.resolve(context, in), hours);
    }

    void decreaseRetention(RequestContext context, WireObject in, ResponseWriter out) {
        Integer hours = in.integer("RetentionPeriodHours");
        StreamRefs.validate(new Validator(), in).required("retentionPeriodHours", hours).check();
        engine.streams().decreaseRetention(StreamRefs.resolve(context, in), hours);
    }
}
