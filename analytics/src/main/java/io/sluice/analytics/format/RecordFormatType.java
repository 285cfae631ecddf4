package io.sluice.analytics.format;

/** How records of a source or destination are written: KDA's {@code RecordFormatType}. */
public enum RecordFormatType { JSON, CSV }
