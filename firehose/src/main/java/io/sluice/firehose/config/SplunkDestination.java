package io.sluice.firehose.config;

import java.util.Objects;

/**
 * A Splunk destination: records are sent to the HTTP Event Collector at {@code hecEndpoint} with {@code hecToken},
 * acknowledged by the indexers within {@code ackTimeoutSeconds}, retried for {@code retryDurationSeconds}, then
 * written to {@code s3}'s error output (with {@code allEventsBackup}, every record also goes to {@code s3}).
 *
 * @param eventEndpoint HECEndpointType Event (true: /services/collector/event) or Raw (false:
 *                      /services/collector/raw)
 * @param hecToken      a secret: never described
 */
public record SplunkDestination(String hecEndpoint, boolean eventEndpoint, String hecToken, int ackTimeoutSeconds,
                                BufferingHints bufferingHints, CloudWatchLogging logging, Processing processing,
                                int retryDurationSeconds, boolean allEventsBackup, S3Settings s3)
        implements DestinationConfig {

    /**
     * The defaults: HECAcknowledgmentTimeoutInSeconds 180 (AWS's), RetryOptions 300 s (the API reference states
     * none; 300 s is the other destinations' and the usual tooling's), buffering 5 MiB or 60 s (AWS's maximums).
     */
    public static final int DEFAULT_ACK_TIMEOUT_SECONDS = 180;
    public static final int DEFAULT_RETRY_SECONDS = 300;
    public static final BufferingHints DEFAULT_HINTS = new BufferingHints(5, 60);

    public SplunkDestination {
        Objects.requireNonNull(hecEndpoint, "hecEndpoint");
        Objects.requireNonNull(s3, "s3");
        hecToken = hecToken == null ? "" : hecToken;
        bufferingHints = bufferingHints == null ? DEFAULT_HINTS : bufferingHints;
        logging = logging == null ? CloudWatchLogging.DISABLED : logging;
        processing = processing == null ? Processing.NONE : processing;
    }
}
