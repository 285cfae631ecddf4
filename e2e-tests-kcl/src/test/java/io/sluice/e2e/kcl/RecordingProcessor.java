package io.sluice.e2e.kcl;

import software.amazon.kinesis.exceptions.KinesisClientLibException;
import software.amazon.kinesis.exceptions.KinesisClientLibRetryableException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

import java.nio.charset.StandardCharsets;

/** Records every user record it gets into a shared {@link Deliveries} and checkpoints after each batch. */
final class RecordingProcessor implements ShardRecordProcessor {

    private final Deliveries deliveries;
    private String shardId;

    RecordingProcessor(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
        for (KinesisClientRecord record : input.records()) {
            deliveries.add(new Delivery(shardId, record.partitionKey(),
                    StandardCharsets.UTF_8.decode(record.data().duplicate()).toString(),
                    record.sequenceNumber(), record.subSequenceNumber()));
        }
        if (!input.records().isEmpty()) {
            checkpoint(input.checkpointer());
        }
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        // Another worker owns the shard now; checkpointing is not allowed here.
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        // The KCL starts the child shards only once the parent's processor checkpointed its end.
        if (checkpoint(input.checkpointer())) {
            deliveries.shardEnded(shardId);
        }
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        checkpoint(input.checkpointer());
    }

    private boolean checkpoint(RecordProcessorCheckpointer checkpointer) {
        try {
            checkpointer.checkpoint();
            return true;
        } catch (KinesisClientLibException | KinesisClientLibRetryableException e) {
            deliveries.checkpointFailed(shardId, e);
            return false;
        }
    }
}
