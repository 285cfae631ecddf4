package io.sluice.glue;

import java.util.List;

/** One page of a listing, and the token of the next page (null on the last). */
public record Page<T>(List<T> items, String nextToken) {

    public Page {
        items = List.copyOf(items);
    }
}
