package io.sluice.server.firehose;

import io.sluice.common.ServiceException;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.CloudWatchLogging;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.config.SplunkDestination;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;

import java.util.List;

/**
 * Reads a SplunkDestinationConfiguration (or SplunkDestinationUpdate over a {@code base}) against the model:
 * buffering 1-5 MiB and 0-60 s, HECAcknowledgmentTimeoutInSeconds 180-600, RetryOptions 0-7200 s, and S3BackupMode
 * that may go from FailedEventsOnly to AllEvents but not back, as AWS documents. The token must be given as
 * HECToken: SecretsManagerConfiguration is refused with InvalidArgumentException. Stateless.
 */
final class SplunkDestinationReader {

    private static final List<String> ENDPOINT_TYPES = List.of("Raw", "Event");
    private static final List<String> BACKUP_MODES = List.of("FailedEventsOnly", "AllEvents");

    private final DestinationReader reader = new DestinationReader();
    private final ProcessingReader processing = new ProcessingReader();

    SplunkDestination read(WireObject in, String path, Validator v, SplunkDestination base, boolean update) {
        WireObject secrets = in.object("SecretsManagerConfiguration");
        if (secrets != null && !Boolean.FALSE.equals(secrets.bool("Enabled"))) {
            throw DestinationRules.notYet("SecretsManagerConfiguration (give the token as HECToken)");
        }
        String endpoint = in.string("HECEndpoint");
        String type = in.string("HECEndpointType");
        String token = in.string("HECToken");
        if (base == null) {
            v.required(path + ".hECEndpoint", endpoint).required(path + ".hECEndpointType", type)
                    .required(path + ".hECToken", token);
        }
        v.length(path + ".hECEndpoint", endpoint, 0, 2048)
                .pattern(path + ".hECEndpoint", endpoint, Patterns.HTTP_ENDPOINT_URL)
                .oneOf(path + ".hECEndpointType", type, ENDPOINT_TYPES)
                .length(path + ".hECToken", token, 0, 2048);
        Integer ackTimeout = in.integer("HECAcknowledgmentTimeoutInSeconds");
        v.range(path + ".hECAcknowledgmentTimeoutInSeconds", ackTimeout, 180, 600);
        WireObject hintsIn = in.object("BufferingHints");
        if (hintsIn != null) {
            v.range(path + ".bufferingHints.intervalInSeconds", hintsIn.integer("IntervalInSeconds"), 0, 60);
        }
        BufferingHints hints = reader.hints(hintsIn, path + ".bufferingHints", v, 5,
                base == null ? SplunkDestination.DEFAULT_HINTS : base.bufferingHints());
        int retry = reader.retry(in.object("RetryOptions"), path + ".retryOptions", v,
                base == null ? SplunkDestination.DEFAULT_RETRY_SECONDS : base.retryDurationSeconds());
        String backupMode = in.string("S3BackupMode");
        v.oneOf(path + ".s3BackupMode", backupMode, BACKUP_MODES);
        Processing proc = processing.read(in.object("ProcessingConfiguration"), path + ".processingConfiguration", v,
                base == null ? null : base.processing());
        CloudWatchLogging logging = reader.logging(in.object("CloudWatchLoggingOptions"),
                path + ".cloudWatchLoggingOptions", v, base == null ? null : base.logging());
        S3Settings s3 = reader.s3ConfigurationOrUpdate(in, path, v, update, base == null ? null : base.s3());
        if (endpoint == null && base == null || type == null && base == null || s3 == null) {
            return null; // required members missing: the validator reports them
        }
        boolean allEvents = backupMode == null ? base != null && base.allEventsBackup()
                : backupMode.equals("AllEvents");
        if (base != null && base.allEventsBackup() && !allEvents) {
            throw ServiceException.invalidArgument("S3BackupMode cannot be changed from AllEvents to "
                    + "FailedEventsOnly.");
        }
        return new SplunkDestination(endpoint != null ? endpoint : base.hecEndpoint(),
                type != null ? type.equals("Event") : base.eventEndpoint(),
                token != null ? token : base == null ? null : base.hecToken(),
                ackTimeout != null ? Math.max(180, Math.min(ackTimeout, 600))
                        : base == null ? SplunkDestination.DEFAULT_ACK_TIMEOUT_SECONDS : base.ackTimeoutSeconds(),
                hints, logging, proc, retry, allEvents, s3);
    }
}
