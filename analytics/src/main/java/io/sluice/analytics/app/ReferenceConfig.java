package io.sluice.analytics.app;

import io.sluice.analytics.format.SourceSchema;

/**
 * A reference data source: the object {@code fileKey} in the bucket {@code bucketArn}, read at start and on
 * update into the in-application table {@code tableName} with {@code schema}. {@code id} is KDA's
 * {@code ReferenceId}.
 */
public record ReferenceConfig(String id, String tableName, String bucketArn, String fileKey, String roleArn,
                              SourceSchema schema) {
}
