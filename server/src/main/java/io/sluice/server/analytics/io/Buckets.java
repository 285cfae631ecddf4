package io.sluice.server.analytics.io;

import java.io.IOException;

/** The bucket an S3 bucket ARN ({@code arn:aws:s3:::bucket}) names. Stateless. */
final class Buckets {

    private static final String PREFIX = ":s3:::";

    private Buckets() {
    }

    static String name(String bucketArn) throws IOException {
        int at = bucketArn == null ? -1 : bucketArn.indexOf(PREFIX);
        if (at < 0 || !bucketArn.startsWith("arn:") || at + PREFIX.length() == bucketArn.length()
                || bucketArn.indexOf('/', at) >= 0) {
            throw new IOException(bucketArn + " is not an S3 bucket ARN");
        }
        return bucketArn.substring(at + PREFIX.length());
    }
}
