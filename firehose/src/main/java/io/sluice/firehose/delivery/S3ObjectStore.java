package io.sluice.firehose.delivery;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3BaseClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * Any S3-compatible store (AWS S3, MinIO, Ceph, S3Proxy...) through the AWS SDK's S3 client. Thread-safe, as the
 * client is.
 */
public final class S3ObjectStore implements ReadableObjectStore {

    /**
     * Where and how to reach the store.
     *
     * @param endpoint    the service URL, or null for AWS's own endpoint of the region
     * @param accessKeyId the access key, or null for the SDK's default credentials chain (environment, profile,
     *                    instance role...)
     * @param pathStyle   {@code http://host/bucket/key} addressing, which most self-hosted stores need
     */
    public record Settings(URI endpoint, String region, String accessKeyId, String secretAccessKey,
                           boolean pathStyle) {
    }

    private final S3Client s3;

    public S3ObjectStore(S3Client s3) {
        this.s3 = s3;
    }

    public static S3ObjectStore connect(Settings settings) {
        return new S3ObjectStore(client(settings));
    }

    /** An S3 client for these settings, as the store uses it: also what reads from the same store use. */
    public static S3Client client(Settings settings) {
        return configure(S3Client.builder(), settings).build();
    }

    /** The asynchronous client of the same settings, for libraries that ask for one (Iceberg's S3 file IO). */
    public static S3AsyncClient asyncClient(Settings settings) {
        return configure(S3AsyncClient.builder(), settings).build();
    }

    private static <B extends S3BaseClientBuilder<B, ?>> B configure(B builder, Settings settings) {
        builder.region(Region.of(settings.region()))
                // the SDK's default streaming checksums (aws-chunked with CRC trailers) are refused by many
                // S3-compatible stores; a plain signed body is understood by all of them
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(settings.accessKeyId() == null ? DefaultCredentialsProvider.builder().build()
                        : StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder;
    }

    @Override
    public void put(String bucket, String key, byte[] body) throws IOException {
        try {
            s3.putObject(request -> request.bucket(bucket).key(key).contentLength((long) body.length),
                    RequestBody.fromBytes(body));
        } catch (SdkException e) {
            throw new IOException("PutObject " + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<StoredObject> list(String bucket, String prefix, int limit) throws IOException {
        try {
            return s3.listObjectsV2(request -> request.bucket(bucket).prefix(prefix).maxKeys(limit)).contents()
                    .stream().map(o -> new StoredObject(o.key(), o.lastModified().toEpochMilli(), o.size()))
                    .toList();
        } catch (software.amazon.awssdk.services.s3.model.NoSuchBucketException e) {
            return List.of();
        } catch (SdkException e) {
            throw new IOException("ListObjectsV2 " + bucket + "/" + prefix + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] get(String bucket, String key) throws IOException {
        try {
            return s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray();
        } catch (SdkException e) {
            throw new IOException("GetObject " + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
