package io.sluice.firehose;

import java.util.List;
import java.util.Map;

/** One page of ListTagsForDeliveryStream: tags sorted by key, and whether more follow. */
public record TagPage(List<Map.Entry<String, String>> tags, boolean hasMore) {
}
