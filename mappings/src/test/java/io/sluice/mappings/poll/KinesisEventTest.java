package io.sluice.mappings.poll;

import io.sluice.engine.PutResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The event a function receives is AWS's Kinesis event, byte for byte. */
class KinesisEventTest {

    @TempDir
    Path dir;
    private PollerFixture fx;

    @BeforeEach
    void open() throws IOException {
        fx = new PollerFixture(dir);
        fx.createStream(1);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void aRecordReachesTheFunctionInAwsKinesisEventJson() {
        fx.clock.advance(Duration.ofMillis(987));
        PutResult put = fx.put("key-1", "Hello, this is a test.");
        fx.run(PollerFixture.settings());

        fx.drain();

        String seq = put.sequenceNumber().format();
        assertThat(fx.function.payloads()).containsExactly("{\"Records\":[{\"kinesis\":{"
                + "\"kinesisSchemaVersion\":\"1.0\",\"partitionKey\":\"key-1\",\"sequenceNumber\":\"" + seq + "\","
                + "\"data\":\"SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==\",\"approximateArrivalTimestamp\":1700000000.987},"
                + "\"eventSource\":\"aws:kinesis\",\"eventVersion\":\"1.0\","
                + "\"eventID\":\"shardId-000000000000:" + seq + "\",\"eventName\":\"aws:kinesis:record\","
                + "\"invokeIdentityArn\":\"arn:aws:iam::123456789012:role/lambda-role\","
                + "\"awsRegion\":\"us-east-1\","
                + "\"eventSourceARN\":\"arn:aws:kinesis:us-east-1:123456789012:stream/orders\"}]}");
        assertThat(fx.pollers.lastProcessingResult(PollerFixture.UUID)).isEqualTo("OK");
    }

    @Test
    void anArrivalOnAWholeSecondKeepsItsThreeDecimals() {
        fx.put("k", "x");
        fx.run(PollerFixture.settings());

        fx.drain();

        assertThat(fx.function.payloads().getFirst()).contains("\"approximateArrivalTimestamp\":1700000000.000}");
    }

    @Test
    void aMappingThatNeverSawARecordSaysSo() {
        fx.run(PollerFixture.settings());

        fx.drain();

        assertThat(fx.function.invocations()).isZero();
        assertThat(fx.pollers.lastProcessingResult(PollerFixture.UUID)).isEqualTo("No records processed");
    }
}
