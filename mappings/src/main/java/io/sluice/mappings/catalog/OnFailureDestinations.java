package io.sluice.mappings.catalog;

import io.sluice.common.StreamArn;

import java.util.List;
import java.util.regex.Pattern;

/**
 * DestinationConfig.OnFailure's checks: Sluice delivers a discarded batch's invocation record to a Kinesis stream,
 * a Firehose delivery stream or an S3 bucket (the store Firehose uses), so the destination must be one of those
 * ARNs; Lambda's SQS and SNS destinations are refused with a message that says so.
 *
 * <p>Stateless and thread-safe.
 */
final class OnFailureDestinations {

    static final int MAX_LENGTH = 350;
    private static final Pattern FIREHOSE = Pattern.compile(
            "arn:aws[a-zA-Z-]*:firehose:[a-z0-9-]+:\\d{12}:deliverystream/[a-zA-Z0-9_.-]{1,64}");
    private static final Pattern S3 = Pattern.compile("arn:aws[a-zA-Z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private OnFailureDestinations() {
    }

    /** Adds the model's violation (too long) to {@code violations}. */
    static void shape(String destination, List<String> violations) {
        if (destination != null && destination.length() > MAX_LENGTH) {
            violations.add("Value '" + destination + "' at 'destinationConfig.onFailure.destination' failed to"
                    + " satisfy constraint: Member must have length less than or equal to " + MAX_LENGTH);
        }
    }

    /**
     * The destination to store: null for none (null or empty).
     *
     * @throws io.sluice.common.ServiceException InvalidParameterValueException for any other kind of ARN
     */
    static String check(String destination) {
        if (destination == null || destination.isEmpty()) {
            return null;
        }
        if (StreamArn.parseOrNull(destination) != null || FIREHOSE.matcher(destination).matches()
                || S3.matcher(destination).matches()) {
            return destination;
        }
        throw LambdaErrors.invalid("The provided destination config DestinationConfig(onSuccess=null, "
                + "onFailure=OnFailure(destination=" + destination + ")) is invalid: Sluice delivers on-failure"
                + " records to a Kinesis stream, a Firehose delivery stream or an S3 bucket ARN.");
    }
}
