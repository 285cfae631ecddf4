package io.sluice.server.kinesis;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.common.StreamArn;
import io.sluice.engine.IteratorToken;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.limits.ControlPlaneLimiter;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.protocol.ErrorBody;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.WireFormat;
import io.sluice.protocol.WireObject;
import io.sluice.server.http.ApiRequest;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.http.ApiService;
import io.sluice.server.auth.AuditLog;
import io.sluice.server.auth.Authorizer;
import io.sluice.server.auth.CredentialsFile;
import io.sluice.protocol.sigv4.SigV4Verifier;
import io.sluice.server.metrics.KinesisMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The Kinesis Data Streams API ({@code Kinesis_20131202}): picks the action named by {@code X-Amz-Target},
 * decodes the body in the request's format, applies the control-plane call rates, runs the action and encodes its
 * answer or its error; SubscribeToShard answers with a stream of events. Thread-safe.
 */
public final class KinesisService implements ApiService {

    public static final String TARGET_PREFIX = "Kinesis_20131202.";

    private static final Logger LOG = LoggerFactory.getLogger(KinesisService.class);

    private static final String SUBSCRIBE = "SubscribeToShard";
    private static final String GET_RECORDS = "GetRecords";
    /** Operations whose call rate AWS limits per stream rather than per account. */
    private static final Set<String> PER_STREAM_RATES = Set.of("ListShards");

    private final Map<String, KinesisAction> actions;
    private final KinesisEngine engine;
    private final KinesisMetrics metrics;
    private final ControlPlaneLimiter limiter;
    private final SubscribeAction subscribe;
    private final RecordActions records;
    private final KinesisAccess access;

    /** A service that trusts every caller (local development on loopback). */
    public KinesisService(KinesisEngine engine, KinesisMetrics metrics, ControlPlaneLimiter limiter) {
        this(engine, metrics, limiter, KinesisAccess.open());
    }

    /**
     * A service that checks signatures against the credentials file, authorizes with its users' policies and the
     * resource policies, and writes the audit log (null: none).
     */
    public KinesisService(KinesisEngine engine, KinesisMetrics metrics, ControlPlaneLimiter limiter,
                          SigV4Verifier verifier, CredentialsFile credentials, AuditLog audit) {
        this(engine, metrics, limiter, new KinesisAccess(verifier, credentials, new Authorizer(arn -> {
            try {
                return java.util.Optional.ofNullable(engine.accounts().policy(arn));
            } catch (ServiceException noSuchResource) {
                return java.util.Optional.empty();
            }
        }), audit));
    }

    /** A service that trusts every caller but keeps an audit log. */
    public KinesisService(KinesisEngine engine, KinesisMetrics metrics, ControlPlaneLimiter limiter,
                          AuditLog audit) {
        this(engine, metrics, limiter, new KinesisAccess(null, null, null, audit));
    }

    private KinesisService(KinesisEngine engine, KinesisMetrics metrics, ControlPlaneLimiter limiter,
                           KinesisAccess access) {
        this.access = access;
        this.engine = engine;
        this.metrics = metrics;
        this.limiter = limiter;
        StreamActions streams = new StreamActions(engine);
        RecordActions records = this.records = new RecordActions(engine);
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
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        WireFormat format = WireFormat.forContentType(request.contentType());
        long start = System.nanoTime();
        WireObject input = null;
        Caller caller = null;
        String operation = null;
        ApiResponse response = null;
        ServiceException failure = null;
        IteratorToken iterator = null;
        try {
            KinesisAction action = action(request.target());
            operation = request.target().substring(TARGET_PREFIX.length());
            caller = access.authenticate(request);
            input = WireObject.parse(format, request.body());
            RequestContext context = caller.context();
            limit(operation, context, input);
            // a GetRecords iterator is verified here, once, and passed to authorization, the read and metrics
            iterator = operation.equals(GET_RECORDS) ? engine.records().openIterator(input.string("ShardIterator"))
                    : null;
            access.authorize(caller, operation, input, iterator);
            if (operation.equals(SUBSCRIBE)) {
                response = subscribe.handle(input);
                return response;
            }
            ResponseWriter output = new ResponseWriter(format);
            if (iterator != null) {
                records.getRecords(iterator, input, output);
            } else {
                action.handle(context, input, output);
            }
            response = ApiResponse.ok(format.contentType(), output.finish());
            return response;
        } catch (ServiceException e) {
            failure = e;
            return error(format, e.type(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("internal failure serving {}", request.target(), e);
            failure = new ServiceException(ErrorType.INTERNAL_FAILURE, "Internal service failure.");
            return error(format, ErrorType.INTERNAL_FAILURE, failure.getMessage());
        } finally {
            if (input != null) {
                record(operation, input, iterator, System.nanoTime() - start, response != null);
            }
            if (operation != null) {
                access.record(request, format, caller, operation, null,
                        response == null || response.streaming() != null ? null : response.body(),
                        failure == null ? null : failure.type().awsName(),
                        failure == null ? null : failure.getMessage());
            }
        }
    }

    /** Control-plane call rates: per account, or per stream for the operations AWS limits per stream. */
    private void limit(String operation, RequestContext context, WireObject input) {
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

    private void record(String operation, WireObject input, IteratorToken iterator, long nanos, boolean success) {
        try {
            String stream = streamName(input);
            if (stream == null && iterator != null && iterator.valid()) {
                stream = iterator.stream().name();
            }
            metrics.operation(operation, stream, Duration.ofNanos(nanos), success);
        } catch (ServiceException wrongTypes) {
            // a body whose members have the wrong types was already answered; there is no stream to count it on
        }
    }

    private KinesisAction action(String target) {
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            throw new ServiceException(ErrorType.UNKNOWN_OPERATION, "The operation " + target + " is not known.");
        }
        String operation = target.substring(TARGET_PREFIX.length());
        KinesisAction action = actions.get(operation);
        if (action != null) {
            return action;
        }
        if (operation.equals(SUBSCRIBE)) {
            return (context, input, output) -> {
                throw new IllegalStateException("SubscribeToShard streams its answer");
            };
        }
        throw new ServiceException(ErrorType.UNKNOWN_OPERATION, "The operation " + operation + " is not known.");
    }

    static ApiResponse error(WireFormat format, ErrorType type, String message) {
        return new ApiResponse(type.httpStatus(), format.contentType(),
                ErrorBody.encode(format, type.awsName(), message), type.awsName());
    }
}
