package io.sluice.server.kinesis;

import io.sluice.common.ServiceException;
import io.sluice.common.StreamArn;
import io.sluice.engine.StreamKey;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;

/** Reads the StreamName / StreamARN / StreamId members that most operations share. Stateless. */
final class StreamRefs {

    private StreamRefs() {
    }

    /** Adds the constraints of the shared members to a validator. */
    static Validator validate(Validator validator, WireObject input) {
        String name = input.string("StreamName");
        String arn = input.string("StreamARN");
        String id = input.string("StreamId");
        return validator.length("streamName", name, 1, 128).pattern("streamName", name, Validator.NAME)
                .length("streamARN", arn, 1, 2048).pattern("streamARN", arn, Validator.STREAM_ARN)
                .length("streamId", id, 1, 24).pattern("streamId", id, Validator.STREAM_ID);
    }

    /** The stream an already-validated request names, by ARN or by name in the caller's account and region. */
    static StreamKey resolve(RequestContext context, WireObject input) {
        String name = input.string("StreamName");
        String arnText = input.string("StreamARN");
        if (arnText != null) {
            StreamArn arn = StreamArn.parseOrNull(arnText);
            if (arn == null) {
                throw ServiceException.invalidArgument("StreamARN " + arnText + " is not a valid stream ARN.");
            }
            if (name != null && !name.equals(arn.streamName())) {
                throw ServiceException.invalidArgument("StreamARN " + arnText + " and StreamName " + name
                        + " do not refer to the same stream.");
            }
            return new StreamKey(arn.account(), arn.region(), arn.streamName());
        }
        if (name == null) {
            throw ServiceException.invalidArgument("Either StreamName or StreamARN must be provided.");
        }
        return new StreamKey(context.account(), context.region(), name);
    }
}
