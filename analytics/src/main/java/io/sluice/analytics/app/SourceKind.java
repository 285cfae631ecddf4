package io.sluice.analytics.app;

/** What an application input reads. */
public enum SourceKind { KINESIS_STREAM, FIREHOSE }
