package io.sluice.analytics.app;

/**
 * A CloudWatch logging option: kept and described as KDA does, though Sluice writes application errors to its
 * own log rather than to CloudWatch. {@code id} is KDA's {@code CloudWatchLoggingOptionId}. Immutable.
 */
public record LoggingOption(String id, String logStreamArn, String roleArn) {
}
