package io.sluice.firehose;

import java.util.List;

/** One page of ListDeliveryStreams: names in alphabetical order, and whether more follow. */
public record DeliveryStreamPage(List<String> names, boolean hasMore) {
}
