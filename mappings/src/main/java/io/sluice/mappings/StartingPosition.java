package io.sluice.mappings;

/** Where a new mapping starts reading each shard that has no checkpoint yet. */
public enum StartingPosition {
    TRIM_HORIZON,
    LATEST,
    AT_TIMESTAMP
}
