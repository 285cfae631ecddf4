package io.sluice.e2e.kcl;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.KinesisClientUtil;

import java.net.URI;

/** The SDK clients of one test run, all pointed at local endpoints, with dummy credentials and region us-east-1. */
final class LocalClients implements AutoCloseable {

    private static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    private static final Region REGION = Region.US_EAST_1;
    /** Nothing listens here: metrics are off, so the KCL must never call CloudWatch, and a call would fail loudly. */
    private static final URI NO_CLOUDWATCH = URI.create("http://127.0.0.1:1");

    /** Built the way the KCL documents for its own use (HTTP/2, which fan-out needs); h2c here, as the URI is http. */
    final KinesisAsyncClient kcl;
    /** A plain client of the same SDK line, for the producer and the control plane. */
    final KinesisAsyncClient plain;
    final DynamoDbAsyncClient dynamoDb;
    final CloudWatchAsyncClient cloudWatch;

    LocalClients(URI kinesisEndpoint, URI dynamoDbEndpoint) {
        kcl = KinesisClientUtil.createKinesisAsyncClient(KinesisAsyncClient.builder()
                .endpointOverride(kinesisEndpoint).region(REGION).credentialsProvider(CREDENTIALS));
        plain = KinesisAsyncClient.builder()
                .endpointOverride(kinesisEndpoint).region(REGION).credentialsProvider(CREDENTIALS).build();
        dynamoDb = DynamoDbAsyncClient.builder()
                .endpointOverride(dynamoDbEndpoint).region(REGION).credentialsProvider(CREDENTIALS).build();
        cloudWatch = CloudWatchAsyncClient.builder()
                .endpointOverride(NO_CLOUDWATCH).region(REGION).credentialsProvider(CREDENTIALS).build();
    }

    @Override
    public void close() {
        kcl.close();
        plain.close();
        dynamoDb.close();
        cloudWatch.close();
    }
}
