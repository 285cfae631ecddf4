package io.sluice.server.analytics.io;

import io.sluice.analytics.app.ObjectReader;
import io.sluice.firehose.delivery.S3ObjectStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * Reads objects from the S3-compatible store Firehose writes to (GetObject through the AWS SDK), with the same
 * settings as Firehose's {@link S3ObjectStore}. A missing bucket or key is a {@link NoSuchFileException}.
 * Thread-safe, as the client is.
 */
public final class S3ObjectReader implements ObjectReader, AutoCloseable {

    private final S3Client s3;

    public S3ObjectReader(S3Client s3) {
        this.s3 = s3;
    }

    /** A reader of the store Firehose writes to, with the same client settings. */
    public static S3ObjectReader connect(S3ObjectStore.Settings settings) {
        return new S3ObjectReader(S3ObjectStore.client(settings));
    }

    @Override
    public byte[] read(String bucketArn, String key) throws IOException {
        String bucket = Buckets.name(bucketArn);
        try {
            return s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw new NoSuchFileException(bucket + "/" + key);
        } catch (SdkException e) {
            throw new IOException("GetObject " + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
