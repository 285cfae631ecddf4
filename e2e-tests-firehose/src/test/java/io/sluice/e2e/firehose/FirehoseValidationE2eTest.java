package io.sluice.e2e.firehose;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Firehose answers model violations as Kinesis does: one clause per constraint a value breaks. */
class FirehoseValidationE2eTest {

    @TempDir
    static Path dir;
    private static S3ProxyServer s3;
    private static FirehoseServer server;
    private static FirehoseClient firehose;

    @BeforeAll
    static void start() throws Exception {
        s3 = new S3ProxyServer();
        server = new FirehoseServer(dir, s3);
        firehose = server.firehoseClient();
    }

    @AfterAll
    static void stop() {
        firehose.close();
        server.close();
        s3.close();
    }

    private static String validationMessage(Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(AwsServiceException.class);
        AwsServiceException error = (AwsServiceException) thrown;
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        return error.awsErrorDetails().errorMessage();
    }

    @Test
    void anEmptyDeliveryStreamNameBreaksThePatternAndTheMinimumLength() {
        assertThat(validationMessage(() -> firehose.describeDeliveryStream(b -> b.deliveryStreamName(""))))
                .isEqualTo("2 validation errors detected: "
                        + "Value '' at 'deliveryStreamName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                        + "Value '' at 'deliveryStreamName' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
    }

    @Test
    void aTooLongDeliveryStreamNameWithASpaceBreaksThePatternAndTheMaximumLength() {
        String name = "bad name" + "x".repeat(57);
        assertThat(validationMessage(() -> firehose.putRecord(b -> b.deliveryStreamName(name)
                .record(r -> r.data(SdkBytes.fromUtf8String("x"))))))
                .isEqualTo("2 validation errors detected: "
                        + "Value '" + name + "' at 'deliveryStreamName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                        + "Value '" + name + "' at 'deliveryStreamName' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 64");
    }
}
