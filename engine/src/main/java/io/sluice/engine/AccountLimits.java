package io.sluice.engine;

/** What DescribeLimits reports for an account in a region. */
public record AccountLimits(int shardLimit, int openShardCount, int onDemandStreamCount, int onDemandStreamCountLimit) {
}
