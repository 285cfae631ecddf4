package io.sluice.firehose;

/** A delivery stream's metadata with its status and encryption status at the time of the call. */
public record DeliveryStreamView(DeliveryStreamMeta meta, DeliveryStreamStatus status, String encryptionStatus) {
}
