package io.sluice.firehose;

/**
 * Server-side encryption of a delivery stream as StartDeliveryStreamEncryption and StopDeliveryStreamEncryption
 * set it. The status is ENABLING (or DISABLING) for the status delay after {@code changedAt}, then ENABLED (or
 * DISABLED).
 *
 * @param keyType AWS_OWNED_CMK or CUSTOMER_MANAGED_CMK, or null if encryption was never started
 * @param keyArn  the customer managed key, or null
 */
public record Encryption(String keyType, String keyArn, boolean enabled, long changedAt) {

    public static final Encryption NEVER = new Encryption(null, null, false, 0);

    public String status(long now, long delayMillis) {
        boolean settling = now < changedAt + delayMillis;
        if (enabled) {
            return settling ? "ENABLING" : "ENABLED";
        }
        return settling && keyType != null ? "DISABLING" : "DISABLED";
    }
}
