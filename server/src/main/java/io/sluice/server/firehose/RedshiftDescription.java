package io.sluice.server.firehose;

import io.sluice.firehose.config.RedshiftDestination;
import io.sluice.protocol.ResponseWriter;

/**
 * Writes a RedshiftDestinationDescription: every member the model has except the password, which is never shown
 * (the model's description has no Password member). Stateless.
 */
final class RedshiftDescription {

    private RedshiftDescription() {
    }

    static void write(ResponseWriter out, RedshiftDestination d) {
        out.startObject("RedshiftDestinationDescription")
                .string("RoleARN", d.roleArn())
                .string("ClusterJDBCURL", d.jdbcUrl())
                .startObject("CopyCommand")
                .string("DataTableName", d.copyCommand().dataTableName())
                .string("DataTableColumns", d.copyCommand().dataTableColumns())
                .string("CopyOptions", d.copyCommand().copyOptions())
                .endObject()
                .string("Username", d.username())
                .startObject("RetryOptions").number("DurationInSeconds", d.retryDurationSeconds()).endObject();
        DescriptionWriter.s3(out, "S3DestinationDescription", d.s3());
        DescriptionWriter.processing(out, d.processing());
        out.string("S3BackupMode", d.backupEnabled() ? "Enabled" : "Disabled");
        if (d.backup() != null) {
            DescriptionWriter.s3(out, "S3BackupDescription", d.backup());
        }
        DescriptionWriter.logging(out, d.logging());
        out.endObject();
    }
}
