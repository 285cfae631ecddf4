package io.sluice.analytics.app;

import java.io.IOException;

/**
 * Reads whole objects from the S3-compatible store (or local directory) the server's Firehose writes to: what
 * reference data sources and DiscoverInputSchema on an S3 object read. Thread-safe.
 */
public interface ObjectReader {

    /**
     * @param bucketArn {@code arn:aws:s3:::bucket}
     * @throws java.nio.file.NoSuchFileException when the bucket or the key does not exist
     * @throws IOException                        when the store cannot be read
     */
    byte[] read(String bucketArn, String key) throws IOException;
}
