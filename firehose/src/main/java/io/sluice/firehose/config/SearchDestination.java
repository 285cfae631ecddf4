package io.sluice.firehose.config;

import java.net.URI;
import java.util.Objects;

/**
 * An OpenSearch or Elasticsearch destination (AmazonopensearchserviceDestinationConfiguration or
 * ElasticsearchDestinationConfiguration) on a self-hosted cluster at {@code clusterEndpoint}: records are indexed
 * with the bulk API into {@code indexName} (plus the rotation's suffix), retried for {@code retryDurationSeconds},
 * and documents that fail go to {@code s3}'s error output (with {@code allDocumentsBackup}, every record also goes
 * to {@code s3}).
 *
 * @param clusterEndpoint     the cluster's URL; user information in it ({@code https://user:password@host:9200})
 *                            is sent as HTTP basic authentication and never described
 * @param typeName            the mapping type for clusters that still have types (Elasticsearch 6), or null/empty
 * @param firehoseDocumentIds DocumentIdOptions FIREHOSE_DEFAULT (true) or NO_DOCUMENT_ID (false)
 */
public record SearchDestination(Service service, String clusterEndpoint, String indexName, String typeName,
                                IndexRotation rotation, boolean firehoseDocumentIds, BufferingHints bufferingHints,
                                CloudWatchLogging logging, Processing processing, String roleArn,
                                int retryDurationSeconds, boolean allDocumentsBackup, S3Settings s3)
        implements DestinationConfig {

    /** AWS's default RetryOptions.DurationInSeconds for these destinations. */
    public static final int DEFAULT_RETRY_SECONDS = 300;

    /** Which of AWS's two search destinations it was created as: they differ in names only. */
    public enum Service {
        /** AmazonopensearchserviceDestinationConfiguration. */
        OPENSEARCH("Amazonopensearchservice", "AmazonOpenSearchService-failed"),
        /** ElasticsearchDestinationConfiguration. */
        ELASTICSEARCH("Elasticsearch", "elasticsearch-failed");

        private final String wireName;
        private final String errorOutputType;

        Service(String wireName, String errorOutputType) {
            this.wireName = wireName;
            this.errorOutputType = errorOutputType;
        }

        /** The prefix of the API's member names: "Amazonopensearchservice" or "Elasticsearch". */
        public String wireName() {
            return wireName;
        }

        /** The {@code !{firehose:error-output-type}} of failed documents. */
        public String errorOutputType() {
            return errorOutputType;
        }
    }

    public SearchDestination {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(clusterEndpoint, "clusterEndpoint");
        Objects.requireNonNull(indexName, "indexName");
        Objects.requireNonNull(s3, "s3");
        rotation = rotation == null ? IndexRotation.ONE_DAY : rotation;
        bufferingHints = bufferingHints == null ? BufferingHints.DEFAULT : bufferingHints;
        logging = logging == null ? CloudWatchLogging.DISABLED : logging;
        processing = processing == null ? Processing.NONE : processing;
    }

    /** The cluster endpoint without its user information, as it may be shown. */
    public String endpointWithoutCredentials() {
        URI uri = URI.create(clusterEndpoint);
        if (uri.getRawUserInfo() == null) {
            return clusterEndpoint;
        }
        return clusterEndpoint.replace(uri.getRawUserInfo() + "@", "");
    }
}
