package io.sluice.firehose;

/**
 * The MSKSourceConfiguration of an MSKAsSource delivery stream: a topic of a Kafka cluster, whose bootstrap
 * servers come from the server's settings (keyed by the cluster ARN's name), not from AWS.
 *
 * @param readFromMillis      records with a Kafka timestamp from this time on are delivered (ReadFromTimestamp;
 *                            by default the time the delivery stream becomes ACTIVE, as in AWS; 0 reads from the
 *                            earliest offset)
 * @param deliveryStartMillis when the delivery stream started reading (its creation time)
 */
public record MskSource(String clusterArn, String topicName, String roleArn, String connectivity,
                        long readFromMillis, long deliveryStartMillis) {
}
