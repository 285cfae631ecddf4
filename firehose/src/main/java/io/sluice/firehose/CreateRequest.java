package io.sluice.firehose;

import io.sluice.firehose.config.DestinationConfig;

import java.util.Map;

/**
 * A CreateDeliveryStream call, already checked against the API model.
 *
 * @param throughputHintMBs  DirectPutSourceConfiguration.ThroughputHintInMBs, or null
 * @param kinesisStreamArn   the source stream of a KinesisStreamAsSource delivery stream, or null
 * @param msk                the source topic of an MSKAsSource delivery stream, or null
 * @param encryptionKeyType  the DeliveryStreamEncryptionConfigurationInput's KeyType, or null for none
 */
public record CreateRequest(DeliveryStreamKey key, DeliveryStreamType type, Integer throughputHintMBs,
                            String kinesisStreamArn, String kinesisRoleArn, DestinationConfig destination,
                            Map<String, String> tags, String encryptionKeyType, String encryptionKeyArn,
                            MskRequest msk) {

    /** A request without an MSK source. */
    public CreateRequest(DeliveryStreamKey key, DeliveryStreamType type, Integer throughputHintMBs,
                         String kinesisStreamArn, String kinesisRoleArn, DestinationConfig destination,
                         Map<String, String> tags, String encryptionKeyType, String encryptionKeyArn) {
        this(key, type, throughputHintMBs, kinesisStreamArn, kinesisRoleArn, destination, tags, encryptionKeyType,
                encryptionKeyArn, null);
    }

    /**
     * MSKSourceConfiguration as given.
     *
     * @param readFromMillis ReadFromTimestamp, or null for the time the delivery stream becomes ACTIVE
     */
    public record MskRequest(String clusterArn, String topicName, String roleArn, String connectivity,
                             Long readFromMillis) {
    }
}
