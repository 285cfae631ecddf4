package io.sluice.firehose.source;

import io.sluice.firehose.delivery.BufferSource;

import java.io.IOException;

/**
 * A source a delivery stream pulls its records from (a Kinesis stream or a Kafka topic), with the positions it
 * saved. Threading: {@link #run} and {@link #resume} from the delivery thread; {@link #clear} and {@link #close}
 * once the delivery task is stopped.
 */
public interface SourcePump extends BufferSource {

    /** Forgets the copied positions, for a deleted delivery stream. */
    void clear() throws IOException;

    /** Lets go of connections held; a later {@link #run} opens them again. */
    void close();
}
