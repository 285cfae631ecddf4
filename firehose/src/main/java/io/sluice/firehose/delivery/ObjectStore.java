package io.sluice.firehose.delivery;

import java.io.IOException;

/**
 * Where S3 destinations put their objects: an S3-compatible service, or a local directory. Implementations are
 * thread-safe. A put either stores the whole object under the key or fails; it may be retried.
 */
public interface ObjectStore extends AutoCloseable {

    void put(String bucket, String key, byte[] body) throws IOException;

    @Override
    default void close() {
    }
}
