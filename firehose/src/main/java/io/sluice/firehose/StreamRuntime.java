package io.sluice.firehose;

import io.sluice.firehose.buffer.DurableBuffer;
import io.sluice.firehose.delivery.DeliveryWorker;
import io.sluice.firehose.source.KinesisSourcePump;

/**
 * The live parts of one delivery stream: its durable buffer, its delivery worker (the task that alone reads the
 * buffer and delivers), and for a Kinesis source the pump that fills the buffer from the worker's thread.
 * Immutable; the threading of each part is its own.
 *
 * @param pump null for DirectPut
 */
record StreamRuntime(DurableBuffer buffer, DeliveryWorker worker, KinesisSourcePump pump) {
}
