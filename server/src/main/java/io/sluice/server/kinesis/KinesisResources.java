package io.sluice.server.kinesis;

import io.sluice.common.ConsumerArn;
import io.sluice.common.StreamArn;
import io.sluice.engine.IteratorToken;
import io.sluice.protocol.WireObject;

import java.util.Set;

/**
 * What a Kinesis call acts on, as IAM and CloudTrail see it: the resource ARN of each call, and which calls are
 * data events. Stateless.
 */
final class KinesisResources {

    static final Set<String> DATA_PLANE = Set.of("PutRecord", "PutRecords", "GetRecords", "GetShardIterator",
            "SubscribeToShard");

    private KinesisResources() {
    }

    /** The ARN a call acts on (a GetRecords call: the stream of its iterator, null if none), as IAM names it: a stream, a consumer, or every stream of the account. */
    static String resource(RequestContext context, WireObject input, IteratorToken iterator) {
        String arn = input.string("ResourceARN");
        if (arn == null) {
            arn = input.string("ConsumerARN");
        }
        if (arn == null) {
            arn = input.string("StreamARN");
        }
        if (arn != null && (StreamArn.parseOrNull(arn) != null || ConsumerArn.parseOrNull(arn) != null)) {
            return arn;
        }
        String name = input.string("StreamName");
        if (name != null) {
            return new StreamArn(context.region(), context.account(), name).toString();
        }
        if (iterator != null && iterator.valid()) {
            return iterator.stream().arn().toString();
        }
        return "arn:aws:kinesis:" + context.region() + ":" + context.account() + ":stream/*";
    }
}
