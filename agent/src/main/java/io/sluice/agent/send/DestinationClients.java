package io.sluice.agent.send;

import io.sluice.agent.config.AgentConfig;
import io.sluice.agent.config.FlowConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.FirehoseClientBuilder;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

import java.util.function.Supplier;

/**
 * The AWS SDK clients of an agent, made once from agent.json and shared by its flows: the Kinesis client (made when a
 * flow names a {@code kinesisStream}) and the Firehose client (when one names a {@code deliveryStream}), each with
 * its endpoint override and region when given, the static keys or else the SDK's default credentials chain, one
 * HTTP connection pool of {@code maxConnections} with the connection and socket timeouts. The SDK's own retries
 * are off: the agent retries only the records that failed, with the flow's backoff.
 *
 * <p>{@code useHttpGzip} is read but has no effect: the SDK for Java v2 compresses only the requests of operations
 * that declare it, and PutRecords and PutRecordBatch do not. Thread-safe.
 */
public final class DestinationClients implements AutoCloseable {

    private final AgentConfig config;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private KinesisClient kinesis;
    private FirehoseClient firehose;

    public DestinationClients(AgentConfig config) {
        this.config = config;
        // no "Expect: 100-continue": a PutRecords body (5 MiB at most) is sent at once rather than after a round trip
        this.http = ApacheHttpClient.builder().maxConnections(Math.max(1, config.maxConnections()))
                .connectionTimeout(config.connectionTimeout()).socketTimeout(config.socketTimeout())
                .expectContinueEnabled(false).build();
        this.credentials = config.credentials() == null ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(config.credentials().accessKeyId(),
                config.credentials().secretAccessKey()));
        for (FlowConfig flow : config.flows()) {
            if (flow.destination().kind() == FlowConfig.Destination.Kind.KINESIS_STREAM && kinesis == null) {
                kinesis = kinesis();
            } else if (flow.destination().kind() == FlowConfig.Destination.Kind.DELIVERY_STREAM
                    && firehose == null) {
                firehose = firehose();
            }
        }
    }

    /** The sender of one flow's records. */
    public RecordSender senderFor(FlowConfig flow) {
        return switch (flow.destination().kind()) {
            case KINESIS_STREAM -> new KinesisRecordSender(kinesis, flow.destination().name(),
                    new PartitionKeys(flow.partitionKeyOption()));
            case DELIVERY_STREAM -> new FirehoseRecordSender(firehose, flow.destination().name());
        };
    }

    private KinesisClient kinesis() {
        KinesisClientBuilder builder = KinesisClient.builder().httpClient(http).credentialsProvider(credentials)
                .overrideConfiguration(overrides());
        if (config.kinesisEndpoint() != null) {
            builder.endpointOverride(config.kinesisEndpoint());
        }
        return builder.region(region(config.kinesisRegion(), DestinationClients::defaultRegion)).build();
    }

    private FirehoseClient firehose() {
        FirehoseClientBuilder builder = FirehoseClient.builder().httpClient(http).credentialsProvider(credentials)
                .overrideConfiguration(overrides());
        if (config.firehoseEndpoint() != null) {
            builder.endpointOverride(config.firehoseEndpoint());
        }
        String region = config.firehoseRegion() != null ? config.firehoseRegion() : config.kinesisRegion();
        return builder.region(region(region, DestinationClients::defaultRegion)).build();
    }

    /**
     * The region to sign for: agent.json's (or its endpoint's), else the SDK's default chain (AWS_REGION, the
     * profile...), else us-east-1, the region of AWS's agent's default endpoints: an agent.json that names only a
     * local endpoint works as it does with AWS's agent instead of failing to start.
     */
    static Region region(String configured, Supplier<Region> defaultChain) {
        if (configured != null) {
            return Region.of(configured);
        }
        try {
            return defaultChain.get();
        } catch (SdkClientException e) {
            return Region.US_EAST_1;
        }
    }

    private static Region defaultRegion() {
        return DefaultAwsRegionProviderChain.builder().build().getRegion();
    }

    private static ClientOverrideConfiguration overrides() {
        return ClientOverrideConfiguration.builder().retryStrategy(b -> b.maxAttempts(1)).build();
    }

    @Override
    public void close() {
        if (kinesis != null) {
            kinesis.close();
        }
        if (firehose != null) {
            firehose.close();
        }
        http.close();
    }
}
