package io.sluice.agent.send;

import io.sluice.agent.config.FlowConfig.PartitionKeyOption;
import io.sluice.agent.send.RecordSender.RecordFailure;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordSendersTest {

    private static List<byte[]> records(String... values) {
        List<byte[]> records = new ArrayList<>();
        for (String value : values) {
            records.add(value.getBytes(StandardCharsets.UTF_8));
        }
        return records;
    }

    /** A Kinesis client whose PutRecords answers what the test says and keeps the requests. */
    private static final class ScriptedKinesis implements KinesisClient {
        final List<PutRecordsRequest> requests = new ArrayList<>();
        final PutRecordsResponse response;

        ScriptedKinesis(PutRecordsResponse response) {
            this.response = response;
        }

        @Override
        public PutRecordsResponse putRecords(PutRecordsRequest request) {
            requests.add(request);
            if (response == null) {
                throw ResourceNotFoundException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("ResourceNotFoundException").errorMessage("Stream logs not found").build())
                        .build();
            }
            return response;
        }

        @Override
        public String serviceName() {
            return "kinesis";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void putRecordsReportsTheRefusedRecordsByIndexAndNamesAStreamGivenByArnByItsArn() throws Exception {
        ScriptedKinesis kinesis = new ScriptedKinesis(PutRecordsResponse.builder().failedRecordCount(1).records(
                PutRecordsResultEntry.builder().sequenceNumber("1").shardId("shardId-000000000000").build(),
                PutRecordsResultEntry.builder().errorCode("ProvisionedThroughputExceededException")
                        .errorMessage("Rate exceeded").build()).build());
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/logs";
        KinesisRecordSender sender = new KinesisRecordSender(kinesis, arn,
                new PartitionKeys(PartitionKeyOption.DETERMINISTIC));

        List<RecordFailure> failures = sender.send(records("a", "b"));

        assertThat(failures).containsExactly(new RecordFailure(1, "ProvisionedThroughputExceededException",
                "Rate exceeded"));
        PutRecordsRequest request = kinesis.requests.get(0);
        assertThat(request.streamARN()).isEqualTo(arn);
        assertThat(request.streamName()).isNull();
        assertThat(request.records()).extracting(e -> e.data().asUtf8String()).containsExactly("a", "b");
        assertThat(request.records().get(0).partitionKey()).isEqualTo("0cc175b9c0f1b6a831c399e269772661");
    }

    @Test
    void aMissingStreamIsAConfigurationErrorNamingTheCall() {
        KinesisRecordSender sender = new KinesisRecordSender(new ScriptedKinesis(null), "logs",
                new PartitionKeys(PartitionKeyOption.RANDOM));

        assertThatThrownBy(() -> sender.send(records("a"))).isInstanceOfSatisfying(SendException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
            assertThat(e.errorCode()).isEqualTo("ResourceNotFoundException");
            assertThat(e.getMessage()).contains("PutRecords to logs", "Stream logs not found");
        });
    }

    @Test
    void putRecordBatchTakesTheDeliveryStreamsNameEvenWhenAgentJsonGivesItsArn() throws Exception {
        List<PutRecordBatchRequest> requests = new ArrayList<>();
        FirehoseClient firehose = new FirehoseClient() {
            @Override
            public PutRecordBatchResponse putRecordBatch(PutRecordBatchRequest request) {
                requests.add(request);
                return PutRecordBatchResponse.builder().failedPutCount(1).requestResponses(
                        PutRecordBatchResponseEntry.builder().errorCode("ServiceUnavailableException")
                                .errorMessage("Slow down.").build(),
                        PutRecordBatchResponseEntry.builder().recordId("r2").build()).build();
            }

            @Override
            public String serviceName() {
                return "firehose";
            }

            @Override
            public void close() {
            }
        };
        FirehoseRecordSender sender = new FirehoseRecordSender(firehose,
                "arn:aws:firehose:us-east-1:000000000000:deliverystream/app-events");

        List<RecordFailure> failures = sender.send(records("a\n", "b\n"));

        assertThat(requests.get(0).deliveryStreamName()).isEqualTo("app-events");
        assertThat(failures).containsExactly(new RecordFailure(0, "ServiceUnavailableException", "Slow down."));
        assertThat(sender.maxBytesPerRequest()).isEqualTo(4L << 20);
    }
}
