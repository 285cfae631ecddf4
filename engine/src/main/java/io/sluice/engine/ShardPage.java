package io.sluice.engine;

import java.util.List;

/** One page of ListShards; {@code nextToken} is null on the last page. */
public record ShardPage(List<ShardMeta> shards, String nextToken) {
}
