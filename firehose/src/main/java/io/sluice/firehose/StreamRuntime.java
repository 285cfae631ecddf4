package io.sluice.firehose;

import io.sluice.firehose.buffer.DurableBuffer;
import io.sluice.firehose.delivery.DeliveryWorker;
import io.sluice.firehose.source.KinesisSourcePump;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The live parts of one delivery stream: its durable buffer, its delivery worker, and for a Kinesis source the
 * pump that fills the buffer. {@code running} keeps the scheduler from starting a second delivery step while one
 * is under way.
 *
 * @param pump null for DirectPut
 */
record StreamRuntime(DurableBuffer buffer, DeliveryWorker worker, KinesisSourcePump pump, AtomicBoolean running) {
}
