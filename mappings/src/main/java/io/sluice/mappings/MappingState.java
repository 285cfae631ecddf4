package io.sluice.mappings;

/**
 * The life cycle of an event source mapping, with the names Lambda's API uses. A mapping is created {@code Creating}
 * and becomes {@code Enabled} (or {@code Disabled} when created with {@code Enabled=false}) once its poller runs;
 * updates pass through {@code Updating}, {@code Enabling} or {@code Disabling}; a delete answers {@code Deleting}
 * and the mapping is gone once its poller has stopped.
 */
public enum MappingState {
    CREATING("Creating"),
    ENABLING("Enabling"),
    ENABLED("Enabled"),
    DISABLING("Disabling"),
    DISABLED("Disabled"),
    UPDATING("Updating"),
    DELETING("Deleting");

    private final String awsName;

    MappingState(String awsName) {
        this.awsName = awsName;
    }

    /** The name in Lambda's API, e.g. {@code Enabled}. */
    public String awsName() {
        return awsName;
    }
}
