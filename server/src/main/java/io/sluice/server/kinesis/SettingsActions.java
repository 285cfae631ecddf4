package io.sluice.server.kinesis;

import io.sluice.common.ServiceException;
import io.sluice.common.StreamArn;
import io.sluice.engine.AccountLimits;
import io.sluice.engine.AccountSettings;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.MonitoringChange;
import io.sluice.engine.StreamKey;
import io.sluice.engine.StreamMeta;
import io.sluice.engine.StreamMode;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Tags, enhanced monitoring, stream mode, record size, warm throughput, resource policies, limits and account
 * settings. Thread-safe.
 */
final class SettingsActions {

    static final Pattern RESOURCE_ARN = Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+");
    private static final List<String> METRICS = List.of("IncomingBytes", "IncomingRecords", "OutgoingBytes",
            "OutgoingRecords", "WriteProvisionedThroughputExceeded", "ReadProvisionedThroughputExceeded",
            "IteratorAgeMilliseconds", "ALL");
    private static final int TAG_PAGE = 50;

    private final KinesisEngine engine;

    SettingsActions(KinesisEngine engine) {
        this.engine = engine;
    }

    static Validator validateTags(Validator validator, String path, Map<String, String> tags) {
        if (tags != null) {
            validator.size(path, tags.keySet(), 1, 200);
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                validator.length(path + ".key", tag.getKey(), 1, 128).length(path + ".value", tag.getValue(), 0, 256);
            }
        }
        return validator;
    }

    private static Validator validateTagKeys(Validator validator, List<String> keys) {
        validator.required("tagKeys", keys).size("tagKeys", keys, 1, 50);
        if (keys != null) {
            keys.forEach(key -> validator.length("tagKeys.member", key, 1, 128));
        }
        return validator;
    }

    /** The stream a ResourceARN names (tags on consumers go through {@link #consumerResource}). */
    private static StreamKey resource(WireObject in) {
        String arn = resourceArn(in);
        StreamArn stream = arn.contains("/consumer/") ? null : StreamArn.parseOrNull(arn);
        if (stream == null) {
            throw ServiceException.notFound("Resource " + arn + " not found.");
        }
        return new StreamKey(stream.account(), stream.region(), stream.streamName());
    }

    void startEncryption(RequestContext context, WireObject in, ResponseWriter out) {
        changeEncryption(context, in, true);
    }

    void stopEncryption(RequestContext context, WireObject in, ResponseWriter out) {
        changeEncryption(context, in, false);
    }

    private void changeEncryption(RequestContext context, WireObject in, boolean start) {
        String type = in.string("EncryptionType");
        String keyId = in.string("KeyId");
        StreamRefs.validate(new Validator(), in).required("encryptionType", type)
                .oneOf("encryptionType", type, List.of("NONE", "KMS")).required("keyId", keyId)
                .length("keyId", keyId, 1, 2048).check();
        if (!type.equals("KMS")) {
            throw ServiceException.invalidArgument("EncryptionType must be KMS.");
        }
        StreamKey key = StreamRefs.resolve(context, in);
        if (start) {
            engine.settings().startEncryption(key, keyId);
        } else {
            engine.settings().stopEncryption(key, keyId);
        }
    }

    void addTags(RequestContext context, WireObject in, ResponseWriter out) {
        Map<String, String> tags = in.stringMap("Tags");
        validateTags(StreamRefs.validate(new Validator(), in).required("tags", tags), "tags", tags).check();
        engine.settings().addTags(StreamRefs.resolve(context, in), tags);
    }

    void removeTags(RequestContext context, WireObject in, ResponseWriter out) {
        List<String> keys = in.strings("TagKeys");
        validateTagKeys(StreamRefs.validate(new Validator(), in), keys).check();
        engine.settings().removeTags(StreamRefs.resolve(context, in), keys);
    }

    void listTagsForStream(RequestContext context, WireObject in, ResponseWriter out) {
        String start = in.string("ExclusiveStartTagKey");
        Integer limit = in.integer("Limit");
        StreamRefs.validate(new Validator(), in).length("exclusiveStartTagKey", start, 1, 128)
                .range("limit", limit, 1, 50).check();
        int pageSize = limit == null ? TAG_PAGE : limit;
        List<Map.Entry<String, String>> after = new ArrayList<>();
        for (Map.Entry<String, String> tag : engine.settings().tags(StreamRefs.resolve(context, in)).entrySet()) {
            if (start == null || tag.getKey().compareTo(start) > 0) {
                after.add(tag);
            }
        }
        writeTags(out, after.subList(0, Math.min(pageSize, after.size())));
        out.bool("HasMoreTags", after.size() > pageSize);
    }

    private static void writeTags(ResponseWriter out, List<Map.Entry<String, String>> tags) {
        out.startArray("Tags");
        tags.forEach(tag -> out.startObject().string("Key", tag.getKey()).string("Value", tag.getValue()).endObject());
        out.endArray();
    }

    /** A consumer ARN, or null if the ResourceARN names a stream. */
    private static String consumerResource(WireObject in) {
        String arn = in.string("ResourceARN");
        return arn != null && arn.contains("/consumer/") ? arn : null;
    }

    void tagResource(RequestContext context, WireObject in, ResponseWriter out) {
        Map<String, String> tags = in.stringMap("Tags");
        validateTags(new Validator().required("tags", tags), "tags", tags).check();
        String consumer = consumerResource(in);
        if (consumer != null) {
            engine.consumers().tag(consumer, tags);
        } else {
            engine.settings().addTags(resource(in), tags);
        }
    }

    void untagResource(RequestContext context, WireObject in, ResponseWriter out) {
        List<String> keys = in.strings("TagKeys");
        validateTagKeys(new Validator(), keys).check();
        String consumer = consumerResource(in);
        if (consumer != null) {
            engine.consumers().untag(consumer, keys);
        } else {
            engine.settings().removeTags(resource(in), keys);
        }
    }

    void listTagsForResource(RequestContext context, WireObject in, ResponseWriter out) {
        String consumer = consumerResource(in);
        writeTags(out, new ArrayList<>((consumer != null ? engine.consumers().tags(consumer)
                : engine.settings().tags(resource(in))).entrySet()));
    }

    void enableMonitoring(RequestContext context, WireObject in, ResponseWriter out) {
        changeMonitoring(context, in, out, engine.settings()::enableMonitoring);
    }

    void disableMonitoring(RequestContext context, WireObject in, ResponseWriter out) {
        changeMonitoring(context, in, out, engine.settings()::disableMonitoring);
    }

    private static void changeMonitoring(RequestContext context, WireObject in, ResponseWriter out,
                                         BiFunction<StreamKey, List<String>, MonitoringChange> change) {
        List<String> metrics = in.strings("ShardLevelMetrics");
        Validator validator = StreamRefs.validate(new Validator(), in).required("shardLevelMetrics", metrics)
                .size("shardLevelMetrics", metrics, 1, 7);
        if (metrics != null) {
            metrics.forEach(m -> validator.oneOf("shardLevelMetrics.member", m, METRICS));
        }
        validator.check();
        StreamKey key = StreamRefs.resolve(context, in);
        MonitoringChange result = change.apply(key, metrics);
        out.string("StreamName", key.name()).string("StreamARN", key.arn().toString());
        writeMetrics(out, "CurrentShardLevelMetrics", result.current());
        writeMetrics(out, "DesiredShardLevelMetrics", result.desired());
    }

    static void writeMetrics(ResponseWriter out, String name, Set<String> metrics) {
        out.startArray(name);
        metrics.forEach(out::string);
        out.endArray();
    }

    void updateStreamMode(RequestContext context, WireObject in, ResponseWriter out) {
        WireObject details = in.object("StreamModeDetails");
        String mode = details == null ? null : details.string("StreamMode");
        Integer warm = in.integer("WarmThroughputMiBps");
        StreamRefs.validate(new Validator(), in).required("streamARN", in.string("StreamARN"))
                .required("streamModeDetails", details).required("streamModeDetails.streamMode", mode)
                .oneOf("streamModeDetails.streamMode", mode, List.of("PROVISIONED", "ON_DEMAND"))
                .range("warmThroughputMiBps", warm, 0, Integer.MAX_VALUE).check();
        engine.settings().updateMode(StreamRefs.resolve(context, in), StreamMode.valueOf(mode), warm);
    }

    void updateMaxRecordSize(RequestContext context, WireObject in, ResponseWriter out) {
        Integer size = in.integer("MaxRecordSizeInKiB");
        StreamRefs.validate(new Validator(), in).required("maxRecordSizeInKiB", size)
                .range("maxRecordSizeInKiB", size, 1024, 10240).check();
        engine.settings().updateMaxRecordSize(StreamRefs.resolve(context, in), size);
    }

    void updateWarmThroughput(RequestContext context, WireObject in, ResponseWriter out) {
        Integer warm = in.integer("WarmThroughputMiBps");
        StreamRefs.validate(new Validator(), in).required("warmThroughputMiBps", warm)
                .range("warmThroughputMiBps", warm, 0, Integer.MAX_VALUE).check();
        StreamKey key = StreamRefs.resolve(context, in);
        StreamMeta meta = engine.settings().updateWarmThroughput(key, warm);
        out.string("StreamARN", key.arn().toString()).string("StreamName", key.name());
        ShardWriter.warmThroughput(out, meta);
    }

    private static String resourceArn(WireObject in) {
        String arn = in.string("ResourceARN");
        new Validator().required("resourceARN", arn).length("resourceARN", arn, 1, 2048)
                .pattern("resourceARN", arn, RESOURCE_ARN).check();
        return arn;
    }

    void putResourcePolicy(RequestContext context, WireObject in, ResponseWriter out) {
        String policy = in.string("Policy");
        new Validator().required("policy", policy).check();
        String arn = resourceArn(in);
        ResourcePolicyValidator.validate(policy);
        engine.accounts().putPolicy(arn, policy);
    }

    void getResourcePolicy(RequestContext context, WireObject in, ResponseWriter out) {
        String policy = engine.accounts().policy(resourceArn(in));
        out.string("Policy", policy == null ? "{}" : policy);
    }

    void deleteResourcePolicy(RequestContext context, WireObject in, ResponseWriter out) {
        engine.accounts().deletePolicy(resourceArn(in));
    }

    void describeLimits(RequestContext context, WireObject in, ResponseWriter out) {
        AccountLimits limits = engine.accounts().limits(context.account(), context.region());
        out.number("ShardLimit", limits.shardLimit()).number("OpenShardCount", limits.openShardCount())
                .number("OnDemandStreamCount", limits.onDemandStreamCount())
                .number("OnDemandStreamCountLimit", limits.onDemandStreamCountLimit());
    }

    void describeAccountSettings(RequestContext context, WireObject in, ResponseWriter out) {
        writeCommitment(out, engine.accounts().settings(context.account()));
    }

    void updateAccountSettings(RequestContext context, WireObject in, ResponseWriter out) {
        WireObject commitment = in.object("MinimumThroughputBillingCommitment");
        String status = commitment == null ? null : commitment.string("Status");
        new Validator().required("minimumThroughputBillingCommitment", commitment)
                .required("minimumThroughputBillingCommitment.status", status)
                .oneOf("minimumThroughputBillingCommitment.status", status, List.of("ENABLED", "DISABLED")).check();
        writeCommitment(out, engine.accounts().updateSettings(context.account(), status.equals("ENABLED")));
    }

    private static void writeCommitment(ResponseWriter out, AccountSettings settings) {
        out.startObject("MinimumThroughputBillingCommitment").string("Status", settings.status());
        if (settings.startedAt() >= 0) {
            out.timestamp("StartedAt", settings.startedAt());
        }
        if (settings.endedAt() >= 0) {
            out.timestamp("EndedAt", settings.endedAt());
        }
        if (settings.earliestAllowedEndAt() >= 0) {
            out.timestamp("EarliestAllowedEndAt", settings.earliestAllowedEndAt());
        }
        out.endObject();
    }
}
