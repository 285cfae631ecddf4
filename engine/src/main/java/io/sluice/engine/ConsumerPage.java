package io.sluice.engine;

import java.util.List;

/** One page of ListStreamConsumers; {@code nextToken} is null on the last page. */
public record ConsumerPage(List<ConsumerView> consumers, String nextToken) {
}
