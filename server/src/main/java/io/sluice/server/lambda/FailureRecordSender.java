package io.sluice.server.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.common.Clock;
import io.sluice.common.ServiceException;
import io.sluice.common.StreamArn;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.PutRecordsEntry;
import io.sluice.engine.StreamKey;
import io.sluice.firehose.DeliveryStreamKey;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.delivery.ObjectStore;
import io.sluice.mappings.poll.FailureDestinations;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mappings' on-failure destinations over Sluice's own services, by ARN: a Kinesis stream (one PutRecord per
 * invocation record, partition key the batch's shard id so a shard's records stay in order), a Firehose delivery
 * stream (one record), or a bucket of the store Firehose delivers to ({@code arn:aws:s3:::bucket}, one object per
 * record under the key Lambda uses, {@link FailureObjectKeys}). A destination that does not exist, or a service this
 * node does not run, is an {@link IOException}: the poller keeps the batch and retries.
 *
 * <p><b>Threading</b>: thread-safe (the engines and the store are); blocks until the record is stored.
 */
public final class FailureRecordSender implements FailureDestinations {

    private static final Pattern FIREHOSE = Pattern.compile(
            "arn:aws[a-z-]*:firehose:([^:]+):(\\d{12}):deliverystream/([^/\\s]+)");
    private static final Pattern S3 = Pattern.compile("arn:aws[a-z-]*:s3:::([^/\\s]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KinesisEngine kinesis;
    private final FirehoseEngine firehose;
    private final ObjectStore objects;
    private final Clock clock;

    /**
     * @param firehose null where Firehose does not run on this node
     * @param objects  the store Firehose's S3 destinations write to; null where there is none
     */
    public FailureRecordSender(KinesisEngine kinesis, FirehoseEngine firehose, ObjectStore objects, Clock clock) {
        this.kinesis = kinesis;
        this.firehose = firehose;
        this.objects = objects;
        this.clock = clock;
    }

    @Override
    public void send(String destinationArn, byte[] invocationRecord) throws IOException {
        send(null, destinationArn, invocationRecord);
    }

    @Override
    public void send(String mappingUuid, String destinationArn, byte[] invocationRecord) throws IOException {
        JsonNode record = parse(invocationRecord);
        StreamArn stream = StreamArn.parseOrNull(destinationArn);
        if (stream != null) {
            String shard = record.path("KinesisBatchInfo").path("shardId").asText("");
            try {
                await(destinationArn, kinesis.records().putRecord(new StreamKey(stream.account(), stream.region(),
                        stream.streamName()), new PutRecordsEntry(invocationRecord,
                        shard.isEmpty() ? "lambda-on-failure" : shard, null)));
            } catch (ServiceException e) {
                throw new IOException("cannot deliver to " + destinationArn + ": " + e.getMessage(), e);
            }
            return;
        }
        Matcher deliveryStream = FIREHOSE.matcher(destinationArn);
        if (deliveryStream.matches()) {
            if (firehose == null) {
                throw new IOException("Firehose does not run on this node; cannot deliver to " + destinationArn);
            }
            await(destinationArn, put(new DeliveryStreamKey(deliveryStream.group(2), deliveryStream.group(1),
                    deliveryStream.group(3)), invocationRecord));
            return;
        }
        Matcher bucket = S3.matcher(destinationArn);
        if (bucket.matches()) {
            if (objects == null) {
                throw new IOException("no object store on this node; cannot deliver to " + destinationArn);
            }
            objects.put(bucket.group(1), FailureObjectKeys.key(mappingUuid, record, clock.millis()),
                    invocationRecord);
            return;
        }
        throw new IOException("not an on-failure destination Sluice can write to: " + destinationArn);
    }

    private CompletableFuture<List<String>> put(DeliveryStreamKey key, byte[] record) throws IOException {
        try {
            return firehose.put(key, List.of(record));
        } catch (ServiceException e) {
            throw new IOException("cannot deliver to " + key.describe() + ": " + e.getMessage(), e);
        }
    }

    private static void await(String arn, CompletableFuture<?> stored) throws IOException {
        try {
            stored.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException("cannot deliver the invocation record to " + arn + ": " + cause.getMessage(),
                    cause);
        }
    }

    private static JsonNode parse(byte[] invocationRecord) {
        try {
            return JSON.readTree(invocationRecord);
        } catch (IOException notJson) {
            return JSON.createObjectNode(); // stored as given; only the S3 key reads it
        }
    }
}
