package io.sluice.analytics.app;

/** Where an application output writes. */
public enum DestinationKind { KINESIS_STREAM, FIREHOSE, LAMBDA }
