package io.sluice.server.firehose;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.protocol.ErrorBody;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.WireFormat;
import io.sluice.protocol.WireObject;
import io.sluice.server.http.ApiRequest;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.http.ApiService;
import io.sluice.server.kinesis.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The Firehose API ({@code Firehose_20150804}): picks the action named by {@code X-Amz-Target}, decodes the JSON
 * 1.1 body (Firehose has no CBOR), runs the action and encodes its answer or its error. Thread-safe.
 */
public final class FirehoseService implements ApiService {

    /** The X-Amz-Target prefix, without the dot, as the router is keyed. */
    public static final String TARGET = "Firehose_20150804";

    private static final Logger LOG = LoggerFactory.getLogger(FirehoseService.class);
    private static final String TARGET_PREFIX = TARGET + ".";
    private static final WireFormat FORMAT = WireFormat.JSON;

    private final Map<String, FirehoseAction> actions;

    public FirehoseService(FirehoseEngine engine) {
        DeliveryStreamActions streams = new DeliveryStreamActions(engine);
        RecordActions records = new RecordActions(engine);
        TagActions tags = new TagActions(engine);
        EncryptionActions encryption = new EncryptionActions(engine);
        this.actions = Map.ofEntries(
                Map.entry("CreateDeliveryStream", streams::create),
                Map.entry("DeleteDeliveryStream", streams::delete),
                Map.entry("DescribeDeliveryStream", streams::describe),
                Map.entry("ListDeliveryStreams", streams::list),
                Map.entry("UpdateDestination", streams::updateDestination),
                Map.entry("PutRecord", records::putRecord),
                Map.entry("PutRecordBatch", records::putRecordBatch),
                Map.entry("TagDeliveryStream", tags::tag),
                Map.entry("UntagDeliveryStream", tags::untag),
                Map.entry("ListTagsForDeliveryStream", tags::list),
                Map.entry("StartDeliveryStreamEncryption", encryption::start),
                Map.entry("StopDeliveryStreamEncryption", encryption::stop));
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        try {
            FirehoseAction action = action(request.target());
            WireObject input = WireObject.parse(FORMAT, request.body());
            ResponseWriter output = new ResponseWriter(FORMAT);
            action.handle(RequestContext.fromAuthorization(request.authorization()), input, output);
            return ApiResponse.ok(FORMAT.contentType(), output.finish());
        } catch (ServiceException e) {
            return error(e.type(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("internal failure serving {}", request.target(), e);
            return error(ErrorType.SERVICE_UNAVAILABLE, "Internal service failure.");
        }
    }

    private FirehoseAction action(String target) {
        FirehoseAction action = target == null || !target.startsWith(TARGET_PREFIX) ? null
                : actions.get(target.substring(TARGET_PREFIX.length()));
        if (action == null) {
            throw new ServiceException(ErrorType.UNKNOWN_OPERATION, "The operation " + target + " is not known.");
        }
        return action;
    }

    private static ApiResponse error(ErrorType type, String message) {
        return new ApiResponse(type.httpStatus(), FORMAT.contentType(),
                ErrorBody.encode(FORMAT, type.awsName(), message), type.awsName());
    }
}
