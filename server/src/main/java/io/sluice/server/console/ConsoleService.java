package io.sluice.server.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.analytics.app.ApplicationKey;
import io.sluice.analytics.host.RecentRows;
import io.sluice.common.ErrorType;
import io.sluice.common.StreamArn;
import io.sluice.engine.IteratorType;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.StreamKey;
import io.sluice.firehose.DeliveryStreamKey;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireFormat;
import io.sluice.protocol.WireObject;
import io.sluice.server.analytics.AnalyticsNode;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.kinesis.RequestContext;
import io.sluice.server.pipeline.Api;
import io.sluice.server.pipeline.ApiCall;
import io.sluice.server.pipeline.ApiDefinition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The read-only calls the web console makes besides the Kinesis and Firehose APIs, as one more JSON 1.1 API behind
 * the pipeline ({@code X-Amz-Target: SluiceConsole_20261206.<Operation>}, signed for {@code kinesis}), so that
 * they pass the same authentication, authorization and audit as every call. Each is authorized as the AWS action
 * that reads the same thing ({@link #iamAction}):
 * <ul>
 *   <li>{@code ListStreamMetrics}: every stream's IncomingRecords and IncomingBytes per second over the last hour
 *       ({@code kinesis:ListStreams});</li>
 *   <li>{@code GetStreamMetrics} ({@code StreamName}): every sampled series of one stream, shard-level ones
 *       included ({@code kinesis:DescribeStreamSummary});</li>
 *   <li>{@code GetDeliveryStreamMetrics} ({@code DeliveryStreamName}): a delivery stream's series
 *       ({@code firehose:DescribeDeliveryStream});</li>
 *   <li>{@code GetDeliveryStreamErrorRecords} ({@code DeliveryStreamName}, optional {@code Limit} 1-100): the
 *       newest records of its destination's error output ({@link DeliveryStreamErrors};
 *       {@code firehose:DescribeDeliveryStream});</li>
 *   <li>{@code GetApplicationStreamRows} ({@code ApplicationName}, {@code StreamName}): the last rows the
 *       application wrote to one of its in-application streams, {@code {"Columns":[...],"Rows":[{"Rowtime"
 *       (epoch millis),"Values":[text or null]}]}}, oldest first ({@code kinesisanalytics:DescribeApplication});</li>
 *   <li>{@code GetEventSourceMappingMetrics} ({@code UUID}): a mapping's series ({@code Lambda.IteratorAge}, its
 *       lag, and {@code Lambda.Invocations}, {@code Lambda.Errors}...; {@code lambda:GetEventSourceMapping});</li>
 *   <li>{@code TailStream} ({@code StreamName}, optional {@code ShardId}, {@code StartingPosition} as
 *       SubscribeToShard's, optional {@code ResumeAfter}: shard id to the last sequence number already shown): the live tail as server-sent events ({@code kinesis:GetRecords});</li>
 *   <li>{@code DescribeServer}: the server page ({@code kinesis:DescribeLimits}).</li>
 * </ul>
 * Series are {@code {"Metric","ShardId","Timestamps":[epoch seconds],"Values":[...]}}. Metrics are kept by stream
 * name, as Sluice's metrics are. Thread-safe.
 */
public final class ConsoleService implements Api {

    public static final String TARGET = "SluiceConsole_20261206";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F-]{36}");
    /** As many shards as a tail may resume: a stream's shard limit is far below. */
    private static final int MAX_RESUMED_SHARDS = 10_000;
    private static final List<String> TYPES = Arrays.stream(IteratorType.values()).map(Enum::name).toList();
    private static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("ListStreamMetrics", "kinesis:ListStreams"),
            Map.entry("GetStreamMetrics", "kinesis:DescribeStreamSummary"),
            Map.entry("GetDeliveryStreamMetrics", "firehose:DescribeDeliveryStream"),
            Map.entry("GetDeliveryStreamErrorRecords", "firehose:DescribeDeliveryStream"),
            Map.entry("GetApplicationStreamRows", "kinesisanalytics:DescribeApplication"),
            Map.entry("GetEventSourceMappingMetrics", "lambda:GetEventSourceMapping"),
            Map.entry("TailStream", "kinesis:GetRecords"),
            Map.entry("DescribeServer", "kinesis:DescribeLimits"));

    private final KinesisEngine engine;
    private final MetricHistory history;
    private final ServerFacts facts;
    private final DeliveryStreamErrors errors;
    private final AnalyticsNode analytics;
    private final ApiDefinition definition = new ApiDefinition(TARGET, "kinesis", "kinesis",
            "kinesis.amazonaws.com", ACTIONS.keySet(), Set.of("TailStream"), ACTIONS.keySet(), false,
            ErrorType.INTERNAL_FAILURE);

    ConsoleService(KinesisEngine engine, MetricHistory history, ServerFacts facts, DeliveryStreamErrors errors,
                   AnalyticsNode analytics) {
        this.engine = engine;
        this.history = history;
        this.facts = facts;
        this.errors = errors;
        this.analytics = analytics;
    }

    @Override
    public ApiDefinition definition() {
        return definition;
    }

    @Override
    public String iamAction(String operation) {
        return ACTIONS.get(operation);
    }

    @Override
    public List<String> resources(ApiCall call) {
        RequestContext context = call.caller().context();
        WireObject in = call.input();
        return switch (call.operation()) {
            case "GetStreamMetrics", "TailStream" -> List.of(new StreamArn(context.region(), context.account(),
                    streamName(in)).toString());
            case "GetDeliveryStreamMetrics", "GetDeliveryStreamErrorRecords" -> List.of("arn:aws:firehose:"
                    + context.region() + ":" + context.account() + ":deliverystream/" + deliveryStreamName(in));
            case "GetApplicationStreamRows" -> List.of(applicationKey(context, in).arn());
            case "GetEventSourceMappingMetrics" -> List.of("arn:aws:lambda:" + context.region() + ":"
                    + context.account() + ":event-source-mapping:" + mappingUuid(in));
            default -> List.of("arn:aws:kinesis:" + context.region() + ":" + context.account() + ":stream/*");
        };
    }

    @Override
    public ApiResponse serve(ApiCall call) {
        RequestContext context = call.caller().context();
        WireObject in = call.input();
        return switch (call.operation()) {
            case "ListStreamMetrics" -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("IncomingRecords", byResource(history.metric(MetricHistory.STREAM_TAG, "IncomingRecords")));
                out.put("IncomingBytes", byResource(history.metric(MetricHistory.STREAM_TAG, "IncomingBytes")));
                yield json(out);
            }
            case "GetStreamMetrics" -> json(Map.of("Series",
                    series(history.of(MetricHistory.STREAM_TAG, streamName(in)))));
            case "GetDeliveryStreamMetrics" -> json(Map.of("Series",
                    series(history.of(MetricHistory.DELIVERY_STREAM_TAG, deliveryStreamName(in)))));
            case "GetDeliveryStreamErrorRecords" -> {
                Integer limit = in.integer("Limit");
                new Validator().range("limit", limit, 1, DeliveryStreamErrors.MAX_RECORDS).check();
                yield json(errors.newest(new DeliveryStreamKey(context.account(), context.region(),
                        deliveryStreamName(in)), limit == null ? DeliveryStreamErrors.DEFAULT_RECORDS : limit));
            }
            case "GetEventSourceMappingMetrics" -> json(Map.of("Series",
                    series(history.of(MetricHistory.MAPPING_TAG, mappingUuid(in)))));
            case "GetApplicationStreamRows" -> {
                String stream = in.string("StreamName");
                new Validator().required("streamName", stream).length("streamName", stream, 1, 32).check();
                yield json(rows(analytics.preview(applicationKey(context, in), stream)));
            }
            case "TailStream" -> tail(context, in);
            default -> {
                ResponseWriter out = new ResponseWriter(WireFormat.JSON);
                facts.write(context, out);
                yield ApiResponse.ok(WireFormat.JSON.contentType(), out.finish());
            }
        };
    }

    private ApiResponse tail(RequestContext context, WireObject in) {
        String shardId = in.string("ShardId");
        WireObject position = in.object("StartingPosition");
        String type = position == null ? null : position.string("Type");
        String sequence = position == null ? null : position.string("SequenceNumber");
        new Validator().length("shardId", shardId, 1, 128).pattern("shardId", shardId, Validator.NAME)
                .required("startingPosition", position).required("startingPosition.type", type)
                .oneOf("startingPosition.type", type, TYPES)
                .pattern("startingPosition.sequenceNumber", sequence, Validator.SEQUENCE_NUMBER).check();
        Map<String, String> resumeAfter = in.stringMap("ResumeAfter");
        resumeAfter = resumeAfter == null ? Map.of() : resumeAfter;
        Validator resume = new Validator().range("resumeAfter", resumeAfter.size(), 0, MAX_RESUMED_SHARDS);
        resumeAfter.forEach((shard, after) -> resume.pattern("resumeAfter.shardId", shard, Validator.NAME)
                .pattern("resumeAfter.sequenceNumber", after, Validator.SEQUENCE_NUMBER));
        resume.check();
        IteratorType iteratorType = IteratorType.valueOf(type);
        if ((iteratorType == IteratorType.AT_SEQUENCE_NUMBER || iteratorType == IteratorType.AFTER_SEQUENCE_NUMBER)
                && shardId == null) {
            throw io.sluice.common.ServiceException.invalidArgument(
                    "A starting sequence number belongs to one shard: give its ShardId.");
        }
        StreamTail tail = new StreamTail(engine, new StreamKey(context.account(), context.region(), streamName(in)),
                shardId, iteratorType, sequence, position.timestampMillis("Timestamp"), resumeAfter).open();
        return ApiResponse.streamed(StreamTail.CONTENT_TYPE, tail::run);
    }

    private static String streamName(WireObject in) {
        String name = in.string("StreamName");
        new Validator().required("streamName", name).length("streamName", name, 1, 128)
                .pattern("streamName", name, Validator.NAME).check();
        return name;
    }

    private static String mappingUuid(WireObject in) {
        String uuid = in.string("UUID");
        new Validator().required("uuid", uuid).pattern("uuid", uuid, UUID).check();
        return uuid;
    }

    private static ApplicationKey applicationKey(RequestContext context, WireObject in) {
        String name = in.string("ApplicationName");
        new Validator().required("applicationName", name).length("applicationName", name, 1, 128)
                .pattern("applicationName", name, Validator.NAME).check();
        return new ApplicationKey(context.account(), context.region(), name);
    }

    private static Map<String, Object> rows(RecentRows.Preview preview) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RecentRows.Row row : preview.rows()) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("Rowtime", row.rowtime());
            out.put("Values", row.values());
            rows.add(out);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Columns", preview.columns());
        out.put("Rows", rows);
        return out;
    }

    private static String deliveryStreamName(WireObject in) {
        String name = in.string("DeliveryStreamName");
        new Validator().required("deliveryStreamName", name).length("deliveryStreamName", name, 1, 64)
                .pattern("deliveryStreamName", name, Validator.NAME).check();
        return name;
    }

    private static Map<String, Object> byResource(Map<String, List<MetricHistory.Point>> series) {
        Map<String, Object> out = new LinkedHashMap<>();
        series.forEach((name, points) -> out.put(name, columns(null, null, points)));
        return out;
    }

    private static List<Map<String, Object>> series(Map<MetricHistory.SeriesKey, List<MetricHistory.Point>> all) {
        List<Map<String, Object>> out = new ArrayList<>();
        all.forEach((key, points) -> out.add(columns(key.metric(), key.shard(), points)));
        return out;
    }

    private static Map<String, Object> columns(String metric, String shard, List<MetricHistory.Point> points) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (metric != null) {
            out.put("Metric", metric);
        }
        if (shard != null) {
            out.put("ShardId", shard);
        }
        out.put("Timestamps", points.stream().map(p -> p.timeMillis() / 1000.0).toList());
        out.put("Values", points.stream().map(MetricHistory.Point::value).toList());
        return out;
    }

    private static ApiResponse json(Object value) {
        try {
            return ApiResponse.ok(WireFormat.JSON.contentType(), JSON.writeValueAsBytes(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the console's metrics", e);
        }
    }
}
