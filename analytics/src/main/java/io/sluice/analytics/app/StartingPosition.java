package io.sluice.analytics.app;

/** Where an input starts reading when an application starts: KDA's {@code InputStartingPosition}. */
public enum StartingPosition { NOW, TRIM_HORIZON, LAST_STOPPED_POINT }
