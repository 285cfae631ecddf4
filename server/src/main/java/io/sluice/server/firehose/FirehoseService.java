package io.sluice.server.firehose;

import io.sluice.common.ErrorType;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.protocol.ResponseWriter;
import io.sluice.protocol.WireObject;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.kinesis.RequestContext;
import io.sluice.server.pipeline.Api;
import io.sluice.server.pipeline.ApiCall;
import io.sluice.server.pipeline.ApiDefinition;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Firehose API ({@code Firehose_20150804}) as it registers with the request pipeline: its operations (IAM
 * {@code firehose:*}, signed for {@code firehose}, audited as {@code firehose.amazonaws.com}), the delivery
 * stream each call acts on, and the actions, which answer JSON 1.1 (Firehose has no CBOR). Outputs that the model
 * declares as empty structures answer {@code {}}. Thread-safe.
 */
public final class FirehoseService implements Api {

    /** The X-Amz-Target prefix, without the dot. */
    public static final String TARGET = "Firehose_20150804";

    /** How the pipeline serves the API; also used to refuse it where it is not available. */
    public static final ApiDefinition DEFINITION = new ApiDefinition(TARGET, "firehose", "firehose",
            "firehose.amazonaws.com", Set.of("CreateDeliveryStream", "DeleteDeliveryStream",
            "DescribeDeliveryStream", "ListDeliveryStreams", "UpdateDestination", "PutRecord", "PutRecordBatch",
            "TagDeliveryStream", "UntagDeliveryStream", "ListTagsForDeliveryStream", "StartDeliveryStreamEncryption",
            "StopDeliveryStreamEncryption"), Set.of("PutRecord", "PutRecordBatch"),
            Set.of("DescribeDeliveryStream", "ListDeliveryStreams", "ListTagsForDeliveryStream"), false,
            ErrorType.SERVICE_UNAVAILABLE);

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
        if (!actions.keySet().equals(DEFINITION.operations())) {
            throw new IllegalStateException("every Firehose operation needs an action, and only those");
        }
    }

    @Override
    public ApiDefinition definition() {
        return DEFINITION;
    }

    /** The delivery stream a call names; every delivery stream of the account for ListDeliveryStreams. */
    @Override
    public List<String> resources(ApiCall call) {
        return resourcesOf(call);
    }

    /** What {@link #resources} answers, without a service behind it. */
    public static List<String> resourcesOf(ApiCall call) {
        RequestContext context = call.caller().context();
        String operation = call.operation();
        WireObject input = call.input();
        String name = input.string("DeliveryStreamName");
        return List.of("arn:aws:firehose:" + context.region() + ":" + context.account() + ":deliverystream/"
                + (name == null || operation.equals("ListDeliveryStreams") ? "*" : name));
    }

    @Override
    public ApiResponse serve(ApiCall call) {
        ResponseWriter output = new ResponseWriter(call.format());
        actions.get(call.operation()).handle(call.caller().context(), call.input(), output);
        return ApiResponse.ok(call.format().contentType(), output.finish());
    }
}
