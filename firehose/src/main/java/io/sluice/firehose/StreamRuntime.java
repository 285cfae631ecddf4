package io.sluice.firehose;

import io.sluice.firehose.buffer.DurableBuffer;
import io.sluice.firehose.delivery.DeliveryWorker;
import io.sluice.firehose.source.SourcePump;

/**
 * The live parts of one delivery stream incarnation on this node: its durable buffer, its delivery worker (the
 * task that alone reads the buffer and delivers, stepped only on the node that owns it), and for a Kinesis stream
 * or Kafka topic source the pump that fills the buffer from the worker's thread. Immutable; the threading of each
 * part is its own.
 *
 * @param createdAt the incarnation's creation time
 * @param version   the configuration version the worker was last given
 * @param pump      null for DirectPut
 */
record StreamRuntime(long createdAt, int version, DurableBuffer buffer, DeliveryWorker worker,
                     SourcePump pump) {

    StreamRuntime reconfigured(int newVersion) {
        return new StreamRuntime(createdAt, newVersion, buffer, worker, pump);
    }
}
