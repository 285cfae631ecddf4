package io.sluice.mappings.poll;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The tumbling-window part of an event. Immutable.
 *
 * @param start           the window's start, epoch millis
 * @param end             its end (exclusive), epoch millis
 * @param state           the state the function returned last in this window ({@code {}} at its start)
 * @param finalInvoke     the window has ended: this invocation is its last
 * @param terminatedEarly the window's state grew past 1 MB and is closed before its time
 */
record WindowContext(long start, long end, JsonNode state, boolean finalInvoke, boolean terminatedEarly) {
}
