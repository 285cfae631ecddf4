package io.sluice.firehose;

/** The statuses Sluice's delivery streams go through (AWS's *_FAILED ones cannot happen here). */
public enum DeliveryStreamStatus {
    CREATING, ACTIVE, DELETING
}
