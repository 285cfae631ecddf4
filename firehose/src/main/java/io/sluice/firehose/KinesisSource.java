package io.sluice.firehose;

/**
 * The KinesisStreamSourceConfiguration of a KinesisStreamAsSource delivery stream.
 *
 * @param deliveryStartMillis records that arrived in the stream from this time on are delivered (the creation
 *                            time of the delivery stream, as in AWS)
 */
public record KinesisSource(String streamArn, String roleArn, long deliveryStartMillis) {
}
