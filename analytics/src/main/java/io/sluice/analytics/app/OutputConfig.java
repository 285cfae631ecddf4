package io.sluice.analytics.app;

import io.sluice.analytics.format.RecordFormatType;

/**
 * One output: the in-application stream {@code name} (exact case) written to a Kinesis stream, a delivery stream
 * or a Lambda function (by ARN), as JSON or CSV records. {@code id} is KDA's {@code OutputId}.
 */
public record OutputConfig(String id, String name, DestinationKind kind, String resourceArn, String roleArn,
                           RecordFormatType format) {
}
