package io.sluice.firehose.delivery;

/**
 * What fills a delivery stream's durable buffer besides puts: a Kinesis stream source, pulled at the start of each
 * delivery step. DirectPut streams have {@link #NONE}.
 *
 * <p>Threading: called from the delivery stream's delivery thread only.
 */
public interface BufferSource extends Runnable {

    /** Nothing to pull: records arrive by PutRecord and PutRecordBatch. */
    BufferSource NONE = () -> { };

    /** Pulls what has arrived into the buffer. */
    @Override
    void run();

    /** Forgets what is held in memory and reloads the saved positions: the delivery moved to this node. */
    default void resume() {
    }
}
