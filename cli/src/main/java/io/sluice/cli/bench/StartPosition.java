package io.sluice.cli.bench;

/** Where the polling consumers start in each shard: the shard iterator types the bench uses. */
enum StartPosition {
    LATEST,
    TRIM_HORIZON
}
