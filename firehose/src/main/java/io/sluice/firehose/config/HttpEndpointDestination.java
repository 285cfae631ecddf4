package io.sluice.firehose.config;

import java.util.List;
import java.util.Objects;

/**
 * An HttpEndpoint destination: records are POSTed to {@code url} under the Firehose HTTP delivery contract, and
 * retried for {@code retryDurationSeconds}; then they go to {@code s3} (and with {@code allDataBackup}, every
 * record goes there too).
 *
 * @param contentEncoding NONE or GZIP
 */
public record HttpEndpointDestination(String url, String name, String accessKey, BufferingHints bufferingHints,
                                      CloudWatchLogging logging, String contentEncoding,
                                      List<CommonAttribute> commonAttributes, Processing processing, String roleArn,
                                      int retryDurationSeconds, boolean allDataBackup, S3Settings s3)
        implements DestinationConfig {

    /** AWS's default RetryOptions.DurationInSeconds for HTTP endpoints. */
    public static final int DEFAULT_RETRY_SECONDS = 300;

    public HttpEndpointDestination {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(s3, "s3");
        bufferingHints = bufferingHints == null ? BufferingHints.DEFAULT : bufferingHints;
        logging = logging == null ? CloudWatchLogging.DISABLED : logging;
        contentEncoding = contentEncoding == null ? "NONE" : contentEncoding;
        commonAttributes = commonAttributes == null ? List.of() : List.copyOf(commonAttributes);
        processing = processing == null ? Processing.NONE : processing;
    }

    public boolean gzip() {
        return "GZIP".equals(contentEncoding);
    }
}
