package io.sluice.mappings.catalog;

import io.sluice.mappings.EventSourceMapping;

import java.util.List;

/**
 * One page of ListEventSourceMappings: the mappings in a stable order, and the marker of the next page (null on
 * the last one). Immutable.
 */
public record MappingPage(List<EventSourceMapping> mappings, String nextMarker) {

    public MappingPage {
        mappings = List.copyOf(mappings);
    }
}
