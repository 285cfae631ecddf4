package io.sluice.e2e;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.net.URI;
import java.time.Duration;

/** Builds real AWS SDK for Java v2 clients pointed at a Sluice endpoint. */
final class Clients {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSLUICETEST", "secret"));

    private Clients() {
    }

    /** The sync client; {@code cbor} false switches the SDK to JSON (it reads the setting when the client is built). */
    static KinesisClient sync(URI endpoint, boolean cbor, int retries) {
        String previous = System.getProperty("aws.cborEnabled");
        System.setProperty("aws.cborEnabled", Boolean.toString(cbor));
        try {
            return KinesisClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.US_EAST_1)
                    .credentialsProvider(CREDENTIALS)
                    .httpClientBuilder(ApacheHttpClient.builder())
                    .overrideConfiguration(ClientOverrideConfiguration.builder()
                            .retryStrategy(b -> b.maxAttempts(retries + 1)).build())
                    .build();
        } finally {
            if (previous == null) {
                System.clearProperty("aws.cborEnabled");
            } else {
                System.setProperty("aws.cborEnabled", previous);
            }
        }
    }

    /**
     * The sync client with no retries, that gives up on a call after {@code timeout} (and on a connection after a
     * second): for tests that must know what each single attempt did.
     */
    static KinesisClient singleAttempt(URI endpoint, Duration timeout) {
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(1))
                        .socketTimeout(timeout))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(b -> b.maxAttempts(1)).apiCallTimeout(timeout).build())
                .build();
    }

    /** The async client on Netty, which speaks HTTP/2 (prior knowledge over http://) for every call. */
    static KinesisAsyncClient async(URI endpoint) {
        return KinesisAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(b -> b.maxAttempts(1)).build())
                .build();
    }
}
