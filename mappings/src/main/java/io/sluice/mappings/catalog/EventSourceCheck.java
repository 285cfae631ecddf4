package io.sluice.mappings.catalog;

import io.sluice.common.ConsumerArn;
import io.sluice.common.StreamArn;

import java.util.List;
import java.util.regex.Pattern;

/**
 * CreateEventSourceMapping's checks of EventSourceArn: the model's ARN pattern (ValidationException), then Lambda's
 * rules (InvalidParameterValueException): a source is required, it must be a Kinesis stream or consumer (the only
 * sources Sluice has), and it must exist in the caller's account and region, with Lambda's "Cannot access stream"
 * message otherwise.
 *
 * <p><b>Threading</b>: thread-safe if its {@link EventSources} is.
 */
final class EventSourceCheck {

    private static final Pattern MODEL_ARN = Pattern.compile(
            "arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)");

    private final EventSources sources;

    EventSourceCheck(EventSources sources) {
        this.sources = sources;
    }

    /** The model's check, done with the other request-shape checks before Lambda's rules. */
    static void shape(String arn) {
        if (arn != null && !MODEL_ARN.matcher(arn).matches()) {
            throw LambdaErrors.validation(List.of("Value '" + arn + "' at 'eventSourceArn' failed to satisfy"
                    + " constraint: Member must satisfy regular expression pattern: " + MODEL_ARN.pattern()));
        }
    }

    void check(String account, String region, String arn) {
        if (arn == null) {
            throw LambdaErrors.invalid("Unrecognized event source.");
        }
        if (StreamArn.parseOrNull(arn) == null && ConsumerArn.parseOrNull(arn) == null) {
            throw LambdaErrors.invalid("Unrecognized event source, must be a Kinesis stream or stream consumer"
                    + " (Sluice maps Kinesis only): " + arn);
        }
        if (!sources.exists(account, region, arn)) {
            throw LambdaErrors.invalid("Cannot access stream " + arn + ". Please ensure the role can perform the"
                    + " GetRecords, GetShardIterator, DescribeStream, ListShards, and ListStreams Actions on your"
                    + " stream in IAM.");
        }
    }
}
