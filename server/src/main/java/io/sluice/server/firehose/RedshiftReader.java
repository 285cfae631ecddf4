package io.sluice.server.firehose;

import io.sluice.common.ServiceException;
import io.sluice.firehose.config.CloudWatchLogging;
import io.sluice.firehose.config.CopyCommand;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.config.RedshiftDestination;
import io.sluice.firehose.config.S3Settings;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;

import java.util.List;

/**
 * Reads a RedshiftDestinationConfiguration (or a RedshiftDestinationUpdate over {@code base}, absent members
 * keeping the base's values) against the model, into the validator. A SecretsManagerConfiguration that is enabled
 * is refused: Sluice has no Secrets Manager, so Username and Password are given. The checks of the whole result
 * are {@link RedshiftRules}'. Stateless.
 */
final class RedshiftReader {

    private static final List<String> BACKUP_MODES = List.of("Disabled", "Enabled");

    private final DestinationReader reader;
    private final ProcessingReader processing = new ProcessingReader();

    RedshiftReader(DestinationReader reader) {
        this.reader = reader;
    }

    RedshiftDestination read(WireObject in, String path, Validator v, RedshiftDestination base, boolean update) {
        String role = in.string("RoleARN");
        String url = in.string("ClusterJDBCURL");
        String username = in.string("Username");
        String password = in.string("Password");
        WireObject copyIn = in.object("CopyCommand");
        if (base == null) {
            v.required(path + ".roleARN", role).required(path + ".clusterJDBCURL", url)
                    .required(path + ".copyCommand", copyIn);
        }
        v.length(path + ".roleARN", role, 1, 512).pattern(path + ".roleARN", role, Patterns.ROLE_ARN)
                .length(path + ".clusterJDBCURL", url, 1, 512)
                .length(path + ".username", username, 1, 512).length(path + ".password", password, 6, 512);
        refuseSecretsManager(in.object("SecretsManagerConfiguration"));
        CopyCommand copy = base == null ? null : base.copyCommand();
        if (copyIn != null) {
            copy = copyCommand(copyIn, path + ".copyCommand", v);
        }
        int retry = reader.retry(in.object("RetryOptions"), path + ".retryOptions", v,
                base == null ? RedshiftDestination.DEFAULT_RETRY_SECONDS : base.retryDurationSeconds());
        S3Settings s3 = reader.s3ConfigurationOrUpdate(in, path, v, update, base == null ? null : base.s3());
        Processing proc = processing.read(in.object("ProcessingConfiguration"), path + ".processingConfiguration", v,
                base == null ? null : base.processing());
        String backupMode = in.string("S3BackupMode");
        v.oneOf(path + ".s3BackupMode", backupMode, BACKUP_MODES);
        boolean backupEnabled = backupMode == null ? base != null && base.backupEnabled()
                : backupMode.equals("Enabled");
        String backupMember = update ? "S3BackupUpdate" : "S3BackupConfiguration";
        WireObject backupIn = in.object(backupMember);
        S3Settings backup = base == null ? null : base.backup();
        if (backupIn != null) {
            backup = reader.s3(backupIn, path + "." + lowerFirst(backupMember), v, backup);
        }
        CloudWatchLogging logging = reader.logging(in.object("CloudWatchLoggingOptions"),
                path + ".cloudWatchLoggingOptions", v, base == null ? null : base.logging());
        if (url == null && base == null || copy == null || s3 == null) {
            return null; // required members missing: the validator reports them
        }
        if (backupEnabled && backup == null) {
            throw ServiceException.invalidArgument("S3BackupConfiguration is required when S3BackupMode is "
                    + "Enabled.");
        }
        if (base != null && base.backupEnabled() && !backupEnabled) {
            throw ServiceException.invalidArgument("S3BackupMode cannot be disabled once it is enabled.");
        }
        return new RedshiftDestination(or(role, base == null ? null : base.roleArn()),
                or(url, base == null ? null : base.jdbcUrl()), or(username, base == null ? null : base.username()),
                or(password, base == null ? null : base.password()), copy, retry, s3, proc, backupEnabled, backup,
                logging);
    }

    private static CopyCommand copyCommand(WireObject in, String path, Validator v) {
        String table = in.string("DataTableName");
        String columns = in.string("DataTableColumns");
        String options = in.string("CopyOptions");
        v.required(path + ".dataTableName", table).length(path + ".dataTableName", table, 1, 512)
                .length(path + ".dataTableColumns", columns, 0, 10240)
                .length(path + ".copyOptions", options, 0, 10240);
        return table == null ? null : new CopyCommand(table, columns, options);
    }

    private static void refuseSecretsManager(WireObject secrets) {
        if (secrets != null && Boolean.TRUE.equals(secrets.bool("Enabled"))) {
            throw ServiceException.invalidArgument("SecretsManagerConfiguration is not supported by Sluice: give "
                    + "the database's Username and Password instead.");
        }
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static String lowerFirst(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }
}
