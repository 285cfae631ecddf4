package io.sluice.firehose.delivery.iceberg;

import io.sluice.firehose.delivery.S3ObjectStore;
import org.apache.iceberg.aws.AwsClientProperties;
import org.apache.iceberg.aws.s3.S3FileIOAwsClientFactory;
import org.apache.iceberg.aws.s3.S3FileIOProperties;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.Map;

/**
 * The S3 clients Iceberg's S3 file IO uses when a table lives on the S3-compatible store: built exactly as
 * Firehose's own S3 destination builds them ({@link S3ObjectStore#client}: path-style addressing, plain signed
 * bodies rather than the SDK's streaming checksums, which many self-hosted stores refuse), from the catalog
 * properties {@code s3.endpoint}, {@code s3.path-style-access}, {@code s3.access-key-id},
 * {@code s3.secret-access-key} and {@code client.region}. Iceberg makes one through its no-argument constructor
 * and calls {@link #initialize} once before asking for clients; each call returns a new client, which the file IO
 * owns and closes. Initialized before it is shared, as Iceberg does; thread-safe afterwards.
 */
public final class ObjectStoreS3Clients implements S3FileIOAwsClientFactory {

    private static final long serialVersionUID = 1L;

    private Map<String, String> properties;

    public ObjectStoreS3Clients() {
    }

    @Override
    public void initialize(Map<String, String> catalogProperties) {
        properties = Map.copyOf(catalogProperties);
    }

    @Override
    public S3Client s3() {
        return S3ObjectStore.client(settings());
    }

    @Override
    public S3AsyncClient s3Async() {
        return S3ObjectStore.asyncClient(settings());
    }

    private S3ObjectStore.Settings settings() {
        if (properties == null) {
            throw new IllegalStateException("initialize must be called before the clients are asked for");
        }
        String endpoint = properties.get(S3FileIOProperties.ENDPOINT);
        return new S3ObjectStore.Settings(endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint),
                properties.getOrDefault(AwsClientProperties.CLIENT_REGION, "us-east-1"),
                properties.get(S3FileIOProperties.ACCESS_KEY_ID), properties.get(S3FileIOProperties.SECRET_ACCESS_KEY),
                Boolean.parseBoolean(properties.getOrDefault(S3FileIOProperties.PATH_STYLE_ACCESS, "false")));
    }
}
