package io.sluice.mappings.catalog;

import io.sluice.mappings.EventSourceMapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * One page of ListEventSourceMappings out of a view's mappings: those of the caller's account and region that match
 * the filters, in uuid order, after the marker's uuid, {@code limit} at most, with the next page's marker when more
 * match.
 *
 * <p>Stateless and thread-safe.
 */
final class MappingListing {

    private MappingListing() {
    }

    /**
     * @param functionArn    only mappings of this function ARN (or URL), or null for all
     * @param eventSourceArn only mappings of this source, or null for all
     * @param after          the uuid the page starts after, or null for the first page
     */
    static MappingPage page(Collection<EventSourceMapping> all, String account, String region, String functionArn,
                            String eventSourceArn, String after, int limit) {
        List<EventSourceMapping> matching = new ArrayList<>();
        for (EventSourceMapping m : all) {
            if (m.account().equals(account) && m.region().equals(region)
                    && (functionArn == null || functionArn.equals(m.functionArn()))
                    && (eventSourceArn == null || eventSourceArn.equals(m.eventSourceArn()))
                    && (after == null || m.uuid().compareTo(after) > 0)) {
                matching.add(m);
            }
        }
        matching.sort(Comparator.comparing(EventSourceMapping::uuid));
        if (matching.size() <= limit) {
            return new MappingPage(matching, null);
        }
        List<EventSourceMapping> page = matching.subList(0, limit);
        return new MappingPage(page, Markers.after(page.get(limit - 1).uuid()));
    }
}
