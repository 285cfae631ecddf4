package io.sluice.agent.send;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

import java.util.ArrayList;
import java.util.List;

/**
 * PutRecordBatch to one Firehose delivery stream. agent.json may name it by ARN; the API takes only its name,
 * which is the ARN's part after {@code deliverystream/}. Thread-safe (the SDK's client is).
 */
public final class FirehoseRecordSender implements RecordSender {

    private final FirehoseClient client;
    private final String deliveryStream;

    FirehoseRecordSender(FirehoseClient client, String deliveryStream) {
        this.client = client;
        int slash = deliveryStream.indexOf(":deliverystream/");
        this.deliveryStream = deliveryStream.startsWith("arn:") && slash > 0
                ? deliveryStream.substring(slash + ":deliverystream/".length()) : deliveryStream;
    }

    @Override
    public List<RecordFailure> send(List<byte[]> records) throws SendException {
        List<Record> entries = new ArrayList<>(records.size());
        for (byte[] data : records) {
            entries.add(Record.builder().data(SdkBytes.fromByteArrayUnsafe(data)).build());
        }
        PutRecordBatchResponse response;
        try {
            response = client.putRecordBatch(PutRecordBatchRequest.builder().deliveryStreamName(deliveryStream)
                    .records(entries).build());
        } catch (SdkException e) {
            throw SdkErrors.of(e, "PutRecordBatch to " + deliveryStream);
        }
        if (response.failedPutCount() == null || response.failedPutCount() == 0) {
            return List.of();
        }
        List<RecordFailure> failures = new ArrayList<>(response.failedPutCount());
        List<PutRecordBatchResponseEntry> results = response.requestResponses();
        for (int i = 0; i < results.size(); i++) {
            PutRecordBatchResponseEntry result = results.get(i);
            if (result.errorCode() != null) {
                failures.add(new RecordFailure(i, result.errorCode(), result.errorMessage()));
            }
        }
        return failures;
    }

    @Override
    public long maxBytesPerRequest() {
        return 4L << 20;
    }
}
