package io.sluice.firehose.delivery;

import java.time.Duration;

/**
 * Receives what Firehose reports to CloudWatch, under the metric names AWS uses, so that the server can expose
 * them (through Micrometer) on {@code /metrics}. Every method has an empty default. Implementations must be
 * thread-safe: delivery threads of different streams call at the same time.
 */
public interface DeliveryObserver {

    DeliveryObserver NONE = new DeliveryObserver() {
    };

    /** Where records were delivered, as the prefix of AWS's metric names. */
    enum Target {
        S3("DeliveryToS3"), HTTP_ENDPOINT("DeliveryToHttpEndpoint"), BACKUP_S3("BackupToS3"),
        REDSHIFT("DeliveryToRedshift"),
        ICEBERG("DeliveryToIceberg"),
        OPENSEARCH("DeliveryToAmazonOpenSearchService"),
        ELASTICSEARCH("DeliveryToElasticsearch"),
        SPLUNK("DeliveryToSplunk");

        private final String metricPrefix;

        Target(String metricPrefix) {
            this.metricPrefix = metricPrefix;
        }

        /** "DeliveryToS3", to which ".Records", ".Bytes", ".Success", ".DataFreshness"... are appended. */
        public String metricPrefix() {
            return metricPrefix;
        }
    }

    /** IncomingRecords, IncomingBytes, IncomingPutRequests: one accepted PutRecord or PutRecordBatch call. */
    default void incoming(String stream, int records, long bytes) {
    }

    /**
     * One successful delivery: {@code <Target>.Records}, {@code .Bytes}, {@code .Success} (1), and
     * {@code .DataFreshness}, the age of the oldest record delivered; for S3, one more {@code .ObjectCount}.
     */
    default void delivered(String stream, Target target, int records, long bytes, Duration dataFreshness) {
    }

    /** One failed delivery attempt: {@code <Target>.Success} (0). */
    default void deliveryFailed(String stream, Target target) {
    }

    /**
     * One run of the processors over a batch: ExecuteProcessing.Duration, ExecuteProcessing.Success (1 unless a
     * record failed), SucceedProcessing.Records and SucceedProcessing.Bytes.
     */
    default void processed(String stream, Duration duration, boolean success, int records, long bytes) {
    }

    /** Records given up on after the retries allowed (lost, or for HTTP endpoints sent to the S3 backup). */
    default void givenUp(String stream, Target target, int records) {
    }
}
