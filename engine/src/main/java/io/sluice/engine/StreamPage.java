package io.sluice.engine;

import java.util.List;

/** One page of ListStreams, sorted by name. */
public record StreamPage(List<StreamView> streams, boolean hasMore, String nextToken) {
}
