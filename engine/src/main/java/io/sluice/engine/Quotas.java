package io.sluice.engine;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;

/**
 * The account-level limits a control-plane change must stay within, per account and region: open shards (the
 * configured shard limit), streams CREATING at once, and streams in ON_DEMAND mode. Checks read the registry's
 * current view; callers that must not race another change run them inside {@link StreamRegistry#change}.
 * Thread-safe; holds no state of its own.
 */
final class Quotas {

    static final int MAX_CREATING_STREAMS = 5;
    static final int ON_DEMAND_STREAM_LIMIT = 50;

    private final StreamRegistry registry;
    private final int shardLimit;

    Quotas(StreamRegistry registry, int shardLimit) {
        this.registry = registry;
        this.shardLimit = shardLimit;
    }

    /** LimitExceededException if {@code newShards} more open shards would exceed the account's shard limit. */
    void checkShards(StreamKey key, int newShards) {
        int openShards = 0;
        for (OpenStream stream : registry.all()) {
            if (sameAccountAndRegion(key, stream.meta().key())) {
                openShards += stream.meta().openShardCount();
            }
        }
        if (openShards + newShards > shardLimit) {
            throw new ServiceException(ErrorType.LIMIT_EXCEEDED, "This request would exceed the shard limit for the "
                    + "account " + key.account() + " in " + key.region() + ". Current shard count for the account: "
                    + openShards + ". Limit: " + shardLimit + ". Number of additional shards that would have "
                    + "resulted from this request: " + newShards + ".");
        }
    }

    void checkCreating(StreamKey key, long now) {
        long creating = registry.all().stream().filter(s -> sameAccountAndRegion(key, s.meta().key())
                && s.meta().status(now) == StreamStatus.CREATING).count();
        if (creating >= MAX_CREATING_STREAMS) {
            throw new ServiceException(ErrorType.LIMIT_EXCEEDED, "This request would exceed the limit of "
                    + MAX_CREATING_STREAMS + " streams in CREATING state for account " + key.account() + ".");
        }
    }

    void checkOnDemand(StreamKey key) {
        long onDemand = registry.all().stream().filter(s -> sameAccountAndRegion(key, s.meta().key())
                && s.meta().mode() == StreamMode.ON_DEMAND).count();
        if (onDemand >= ON_DEMAND_STREAM_LIMIT) {
            throw new ServiceException(ErrorType.LIMIT_EXCEEDED, "This request would exceed the limit of "
                    + ON_DEMAND_STREAM_LIMIT + " streams in ON_DEMAND mode for account " + key.account() + ".");
        }
    }

    /** DescribeLimits: the limits and what the account and region use of them. */
    AccountLimits describe(String account, String region) {
        int open = 0;
        int onDemand = 0;
        for (OpenStream stream : registry.all()) {
            StreamKey key = stream.meta().key();
            if (key.account().equals(account) && key.region().equals(region)) {
                open += stream.meta().openShardCount();
                onDemand += stream.meta().mode() == StreamMode.ON_DEMAND ? 1 : 0;
            }
        }
        return new AccountLimits(shardLimit, open, onDemand, ON_DEMAND_STREAM_LIMIT);
    }

    private static boolean sameAccountAndRegion(StreamKey a, StreamKey b) {
        return a.account().equals(b.account()) && a.region().equals(b.region());
    }
}
