package io.sluice.engine;

/** A stream's metadata together with its status at the time of the call. */
public record StreamView(StreamMeta meta, StreamStatus status) {
}
