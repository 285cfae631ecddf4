package io.sluice.server.firehose;

import io.sluice.common.ServiceException;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.CloudWatchLogging;
import io.sluice.firehose.config.IndexRotation;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.config.SearchDestination;
import io.sluice.protocol.Validator;
import io.sluice.protocol.WireObject;

import java.util.List;

/**
 * Reads an AmazonopensearchserviceDestinationConfiguration or ElasticsearchDestinationConfiguration (or their
 * DestinationUpdate over a {@code base}) against the model. Sluice delivers to a self-hosted cluster named by
 * ClusterEndpoint ({@code http://} is accepted too, for local clusters); DomainARN names an AWS domain, which
 * Sluice cannot reach, and VpcConfiguration has no meaning here: both are refused with InvalidArgumentException.
 * Stateless.
 */
final class SearchDestinationReader {

    private static final List<String> BACKUP_MODES = List.of("FailedDocumentsOnly", "AllDocuments");
    private static final List<String> ID_FORMATS = List.of("FIREHOSE_DEFAULT", "NO_DOCUMENT_ID");

    private final DestinationReader reader = new DestinationReader();
    private final ProcessingReader processing = new ProcessingReader();

    SearchDestination read(SearchDestination.Service service, WireObject in, String path, Validator v,
                           SearchDestination base, boolean update) {
        if (in.string("DomainARN") != null) {
            throw ServiceException.invalidArgument("DomainARN is not supported by Sluice, which delivers to "
                    + "self-hosted OpenSearch and Elasticsearch clusters: give the cluster's URL as ClusterEndpoint.");
        }
        if (in.object("VpcConfiguration") != null) {
            throw ServiceException.invalidArgument("VpcConfiguration is not supported by Sluice: give a "
                    + "ClusterEndpoint that Sluice can reach.");
        }
        String endpoint = in.string("ClusterEndpoint");
        String index = in.string("IndexName");
        String role = in.string("RoleARN");
        if (base == null) {
            v.required(path + ".clusterEndpoint", endpoint).required(path + ".indexName", index)
                    .required(path + ".roleARN", role);
        }
        v.length(path + ".clusterEndpoint", endpoint, 1, 512)
                .pattern(path + ".clusterEndpoint", endpoint, Patterns.HTTP_ENDPOINT_URL)
                .length(path + ".indexName", index, 1, 80)
                .length(path + ".roleARN", role, 1, 512).pattern(path + ".roleARN", role, Patterns.ROLE_ARN);
        String type = in.string("TypeName");
        v.length(path + ".typeName", type, 0, 100);
        String rotation = in.string("IndexRotationPeriod");
        v.oneOf(path + ".indexRotationPeriod", rotation, IndexRotation.WIRE_NAMES);
        BufferingHints hints = reader.hints(in.object("BufferingHints"), path + ".bufferingHints", v, 100,
                base == null ? null : base.bufferingHints());
        int retry = reader.retry(in.object("RetryOptions"), path + ".retryOptions", v,
                base == null ? SearchDestination.DEFAULT_RETRY_SECONDS : base.retryDurationSeconds());
        String backupMode = update ? null : in.string("S3BackupMode");
        v.oneOf(path + ".s3BackupMode", backupMode, BACKUP_MODES);
        Boolean firehoseIds = documentIds(in.object("DocumentIdOptions"), path + ".documentIdOptions", v);
        Processing proc = processing.read(in.object("ProcessingConfiguration"), path + ".processingConfiguration", v,
                base == null ? null : base.processing());
        CloudWatchLogging logging = reader.logging(in.object("CloudWatchLoggingOptions"),
                path + ".cloudWatchLoggingOptions", v, base == null ? null : base.logging());
        S3Settings s3 = reader.s3ConfigurationOrUpdate(in, path, v, update, base == null ? null : base.s3());
        if (base == null && (endpoint == null || index == null || s3 == null)) {
            return null; // required members missing: the validator reports them
        }
        if (s3 == null || (rotation != null && !IndexRotation.WIRE_NAMES.contains(rotation))) {
            return null;
        }
        return new SearchDestination(service,
                or(endpoint, base == null ? null : base.clusterEndpoint()),
                or(index, base == null ? null : base.indexName()),
                or(type, base == null ? null : base.typeName()),
                rotation != null ? IndexRotation.fromWire(rotation) : base == null ? null : base.rotation(),
                firehoseIds != null ? firehoseIds : base == null || base.firehoseDocumentIds(),
                hints, logging, proc, or(role, base == null ? null : base.roleArn()), retry,
                backupMode == null ? base != null && base.allDocumentsBackup() : backupMode.equals("AllDocuments"),
                s3);
    }

    private static Boolean documentIds(WireObject in, String path, Validator v) {
        if (in == null) {
            return null;
        }
        String format = in.string("DefaultDocumentIdFormat");
        v.required(path + ".defaultDocumentIdFormat", format)
                .oneOf(path + ".defaultDocumentIdFormat", format, ID_FORMATS);
        return format == null ? null : !format.equals("NO_DOCUMENT_ID");
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
