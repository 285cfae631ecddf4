package io.sluice.e2e;

import io.sluice.testkit.SluiceServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.utils.AttributeMap;

import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TLS port: the sync SDK over HTTPS with HTTP/1.1, and the async SDK with HTTP/2 and no ALPN (as it connects
 * to Kinesis), against the self-signed certificate kept in the data directory.
 */
class TlsE2eTest {

    @RegisterExtension
    static final SluiceServerExtension SERVER = new SluiceServerExtension();

    private static final AttributeMap TRUST_ALL = AttributeMap.builder()
            .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true).build();
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTLS", "secret"));

    @Test
    void http11OverTlsServesTheApiWithTheStoredSelfSignedCertificate() {
        try (KinesisClient client = KinesisClient.builder().endpointOverride(SERVER.tlsEndpoint())
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(ApacheHttpClient.builder().buildWithDefaults(TRUST_ALL)).build()) {
            String name = KinesisContractTest.uniqueName("tls");
            client.createStream(b -> b.streamName(name).shardCount(1));
            client.putRecord(b -> b.streamName(name).partitionKey("k").data(SdkBytes.fromUtf8String("secure")));
            String it = client.getShardIterator(b -> b.streamName(name).shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            assertThat(client.getRecords(b -> b.shardIterator(it)).records().get(0).data().asUtf8String())
                    .isEqualTo("secure");
        }
        assertThat(Files.exists(SERVER.dataDir().resolve("tls/server.crt"))).isTrue();
        assertThat(Files.exists(SERVER.dataDir().resolve("tls/server.key"))).isTrue();
    }

    @Test
    void http2OverTlsWithoutAlpnIsDetectedFromThePreface() {
        try (KinesisAsyncClient client = KinesisAsyncClient.builder().endpointOverride(SERVER.tlsEndpoint())
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2).buildWithDefaults(TRUST_ALL))
                .build()) {
            String name = KinesisContractTest.uniqueName("tls-h2");
            client.createStream(b -> b.streamName(name).shardCount(1)).join();
            assertThat(client.putRecord(b -> b.streamName(name).partitionKey("k")
                    .data(SdkBytes.fromUtf8String("h2"))).join().shardId()).isEqualTo("shardId-000000000000");
            assertThat(client.listShards(b -> b.streamName(name)).join().shards()).hasSize(1);
        }
    }
}
