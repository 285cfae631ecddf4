package io.sluice.e2e;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.EncryptionType;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.sluice.e2e.Errors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

/** StartStreamEncryption / StopStreamEncryption through the SDK, and what lands on disk. */
class EncryptionE2eTest extends SdkE2eTest {

    @Test
    void encryptedRecordsAreReadableButNoPlaintextReachesTheDataDirectory() throws Exception {
        String name = KinesisContractTest.uniqueName("kms");
        client.createStream(b -> b.streamName(name).shardCount(1));
        client.putRecord(b -> b.streamName(name).partitionKey("plain-key").data(SdkBytes.fromUtf8String("plain-1")));
        client.startStreamEncryption(b -> b.streamName(name).encryptionType(EncryptionType.KMS)
                .keyId("alias/aws/kinesis"));
        assertThat(client.describeStream(b -> b.streamName(name)).streamDescription().encryptionType())
                .isEqualTo(EncryptionType.KMS);
        String secret = "TOP-SECRET-PAYLOAD-" + System.nanoTime();
        String secretKey = "SECRET-PARTITION-KEY-" + System.nanoTime();
        PutRecordResponse put = client.putRecord(b -> b.streamName(name).partitionKey(secretKey)
                .data(SdkBytes.fromUtf8String(secret)));
        assertThat(put.encryptionType()).isEqualTo(EncryptionType.KMS);
        client.putRecords(b -> b.streamName(name).records(PutRecordsRequestEntry.builder().partitionKey(secretKey)
                .data(SdkBytes.fromUtf8String(secret + "-batch")).build()));
        client.stopStreamEncryption(b -> b.streamName(name).encryptionType(EncryptionType.KMS)
                .keyId("arn:aws:kms:us-east-1:000000000000:alias/aws/kinesis"));
        client.putRecord(b -> b.streamName(name).partitionKey("plain-key").data(SdkBytes.fromUtf8String("plain-2")));

        String it = client.getShardIterator(b -> b.streamName(name).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> records = client.getRecords(b -> b.shardIterator(it)).records();
        assertThat(records).extracting(r -> r.data().asUtf8String())
                .containsExactly("plain-1", secret, secret + "-batch", "plain-2");
        assertThat(records.get(1).partitionKey()).isEqualTo(secretKey);
        assertThat(records.get(1).encryptionType()).isEqualTo(EncryptionType.KMS);
        assertThat(records.get(0).encryptionType()).isNull();

        try (Stream<Path> files = Files.walk(SERVER.dataDir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(content).as(file.toString()).doesNotContain(secret).doesNotContain(secretKey);
            }
        }
    }

    @Test
    void unknownKeyIsKmsNotFound() {
        String name = KinesisContractTest.uniqueName("kms-missing");
        client.createStream(b -> b.streamName(name).shardCount(1));
        assertAwsError(() -> client.startStreamEncryption(b -> b.streamName(name).encryptionType(EncryptionType.KMS)
                .keyId("alias/does-not-exist")), "KMSNotFoundException");
        assertAwsError(() -> client.startStreamEncryption(b -> b.streamName(name).encryptionType(EncryptionType.KMS)
                .keyId("arn:aws:kms:us-east-1:000000000000:key/12345678-1234-1234-1234-123456789012")),
                "KMSNotFoundException");
    }
}
