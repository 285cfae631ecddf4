package io.sluice.agent.send;

import io.sluice.agent.config.FlowConfig.PartitionKeyOption;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SendPartsTest {

    @Test
    void deterministicPartitionKeysAreTheHexMd5OfTheDataAndRandomOnesDiffer() throws Exception {
        byte[] data = "GET /index.html 200".getBytes(StandardCharsets.UTF_8);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        assertThat(new PartitionKeys(PartitionKeyOption.DETERMINISTIC).keyOf(data)).isEqualTo(md5);
        PartitionKeys random = new PartitionKeys(PartitionKeyOption.RANDOM);
        assertThat(random.keyOf(data)).isNotEqualTo(random.keyOf(data));
    }

    @Test
    void aggregationPacksConsecutiveRecordsUpToTheSizeAndLeavesLargeOnesAlone() {
        List<byte[]> packed = Aggregation.pack(List.of(b("aa\n"), b("bb\n"), b("cc\n"), b("dddddddd\n"), b("e\n")),
                7);
        assertThat(packed).extracting(p -> new String(p, StandardCharsets.UTF_8))
                .containsExactly("aa\nbb\n", "cc\n", "dddddddd\n", "e\n");
        assertThat(Aggregation.pack(List.of(b("a"), b("b")), 0)).hasSize(2);
    }

    @Test
    void throttlingServerErrorsAndNetworkErrorsAreRetriableAndAMissingStreamIsAConfigurationError() {
        assertThat(SdkErrors.of(service("ProvisionedThroughputExceededException", 400), "s").kind())
                .isEqualTo(ErrorKind.RETRIABLE);
        assertThat(SdkErrors.of(service("InternalFailure", 500), "s").kind()).isEqualTo(ErrorKind.RETRIABLE);
        assertThat(SdkErrors.of(SdkClientException.create("Connection refused"), "s").kind())
                .isEqualTo(ErrorKind.RETRIABLE);
        SendException missing = SdkErrors.of(service("ResourceNotFoundException", 400), "PutRecords to logs");
        assertThat(missing.kind()).isEqualTo(ErrorKind.CONFIGURATION);
        assertThat(missing.getMessage()).contains("PutRecords to logs", "ResourceNotFoundException", "HTTP 400");
        assertThat(SdkErrors.of(service("InvalidArgumentException", 400), "s").kind()).isEqualTo(ErrorKind.INVALID);
        assertThat(SdkErrors.kindOf("ProvisionedThroughputExceededException")).isEqualTo(ErrorKind.RETRIABLE);
    }

    private static AwsServiceException service(String code, int status) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("m").build()).build();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
