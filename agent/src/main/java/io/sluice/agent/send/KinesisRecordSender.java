package io.sluice.agent.send;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * PutRecords to one Kinesis stream, named by name or by ARN. Thread-safe (the SDK's client is).
 */
public final class KinesisRecordSender implements RecordSender {

    private final KinesisClient client;
    private final String stream;
    private final PartitionKeys keys;

    KinesisRecordSender(KinesisClient client, String stream, PartitionKeys keys) {
        this.client = client;
        this.stream = stream;
        this.keys = keys;
    }

    @Override
    public List<RecordFailure> send(List<byte[]> records) throws SendException {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(records.size());
        for (byte[] data : records) {
            entries.add(PutRecordsRequestEntry.builder().data(SdkBytes.fromByteArrayUnsafe(data))
                    .partitionKey(keys.keyOf(data)).build());
        }
        PutRecordsRequest.Builder request = PutRecordsRequest.builder().records(entries);
        if (stream.startsWith("arn:")) {
            request.streamARN(stream);
        } else {
            request.streamName(stream);
        }
        PutRecordsResponse response;
        try {
            response = client.putRecords(request.build());
        } catch (SdkException e) {
            throw SdkErrors.of(e, "PutRecords to " + stream);
        }
        if (response.failedRecordCount() == null || response.failedRecordCount() == 0) {
            return List.of();
        }
        List<RecordFailure> failures = new ArrayList<>(response.failedRecordCount());
        List<PutRecordsResultEntry> results = response.records();
        for (int i = 0; i < results.size(); i++) {
            PutRecordsResultEntry result = results.get(i);
            if (result.errorCode() != null) {
                failures.add(new RecordFailure(i, result.errorCode(), result.errorMessage()));
            }
        }
        return failures;
    }

    @Override
    public long maxBytesPerRequest() {
        // room for the partition keys (up to 256 bytes each), which count towards the 5 MiB of a request
        return (5L << 20) - 500 * 256;
    }
}
