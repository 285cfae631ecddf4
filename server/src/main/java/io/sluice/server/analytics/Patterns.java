package io.sluice.server.analytics;

import java.util.regex.Pattern;

/** The patterns of the Kinesis Analytics model that requests are checked against. Immutable. */
final class Patterns {

    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    static final Pattern ID = Pattern.compile("[a-zA-Z0-9_.-]+");
    static final Pattern ARN = Pattern.compile("arn:.*");
    static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    static final Pattern APPLICATION_ARN = Pattern.compile(
            "arn:aws:kinesisanalytics:[a-z]{2}-[a-z]+-\\d{1}+:\\d{12}+:application/[a-zA-Z0-9_.-]{1,128}");
    static final Pattern ENCODING = Pattern.compile("UTF-8");
    /** What an input or output names, beyond the model's {@code arn:.*}: a resource of the right service. */
    static final Pattern KINESIS_STREAM_ARN = Pattern.compile("arn:aws[a-z-]*:kinesis:[^:]+:\\d{12}:stream/\\S+");
    static final Pattern DELIVERY_STREAM_ARN = Pattern.compile(
            "arn:aws[a-z-]*:firehose:[^:]+:\\d{12}:deliverystream/\\S+");
    static final Pattern LAMBDA_ARN = Pattern.compile("arn:aws[a-z-]*:lambda:[^:]+:\\d{12}:function:\\S+");
    static final Pattern BUCKET_ARN = Pattern.compile("arn:aws[a-z-]*:s3:::[^/\\s]+");

    private Patterns() {
    }
}
