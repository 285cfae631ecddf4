package io.sluice.analytics.host;

/** An output's channel and how rows of its stream become records. Immutable. */
record OutputRoute(OutputChannel channel, Formats.Encoder encoder) {

    void add(Object[] values) {
        channel.add(encoder.encode(values));
    }
}
