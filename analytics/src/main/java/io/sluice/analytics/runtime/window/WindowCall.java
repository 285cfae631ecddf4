package io.sluice.analytics.runtime.window;

/**
 * A value a {@link SlidingWindow} computes over each window: an aggregate ({@link AggregateCall}) or a
 * navigation function that picks one row of the window ({@link NavigationCall}: LAG, NTH_VALUE, FIRST_VALUE,
 * LAST_VALUE). Implementations are immutable.
 */
public sealed interface WindowCall permits AggregateCall, NavigationCall {
}
