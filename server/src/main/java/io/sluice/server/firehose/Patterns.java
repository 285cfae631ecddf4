package io.sluice.server.firehose;

import java.util.regex.Pattern;

/** The patterns of the Firehose model that requests are checked against. */
final class Patterns {

    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    static final Pattern ROLE_ARN = Pattern.compile("arn:.*:iam::\\d{12}:role/[a-zA-Z_0-9+=,.@\\-_/]+");
    static final Pattern BUCKET_ARN = Pattern.compile("arn:.*:s3:::[\\w\\.\\-]{1,255}");
    static final Pattern KMS_KEY_ARN = Pattern.compile(
            "arn:.*:kms:[a-zA-Z0-9\\-]+:\\d{12}:(key|alias)/[a-zA-Z_0-9+=,.@\\-_/]+");
    static final Pattern KINESIS_STREAM_ARN = Pattern.compile(
            "arn:.*:kinesis:[a-zA-Z0-9\\-]+:\\d{12}:stream/[a-zA-Z0-9_.-]+");
    static final Pattern MSK_CLUSTER_ARN = Pattern.compile("arn:.*");
    static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9\\._\\-]+");
    static final Pattern DESTINATION_ID = Pattern.compile("[a-zA-Z0-9-]+");
    static final Pattern VERSION_ID = Pattern.compile("[0-9]+");
    static final Pattern NON_BLANK = Pattern.compile("^(?!\\s*$).+");
    static final Pattern LOG_GROUP = Pattern.compile("[\\.\\-_/#A-Za-z0-9]*");
    static final Pattern LOG_STREAM = Pattern.compile("[^:*]*");
    static final Pattern FILE_EXTENSION = Pattern.compile("^$|\\.[0-9a-z!\\-_.*'()]+");
    static final Pattern TIME_ZONE = Pattern.compile("^$|[a-zA-Z/_]+");
    /** The model says {@code https://.*}; Sluice also delivers to plain {@code http://} endpoints, for local use. */
    static final Pattern HTTP_ENDPOINT_URL = Pattern.compile("https?://.*");
    static final Pattern TAG_KEY = Pattern.compile("^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@%]*$");
    static final Pattern TAG_VALUE = Pattern.compile("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@%]*$");

    private Patterns() {
    }
}
