package io.sluice.firehose.config;

/** CloudWatchLoggingOptions: kept and described as given; Sluice logs delivery errors to its own log instead. */
public record CloudWatchLogging(boolean enabled, String logGroupName, String logStreamName) {

    public static final CloudWatchLogging DISABLED = new CloudWatchLogging(false, null, null);
}
