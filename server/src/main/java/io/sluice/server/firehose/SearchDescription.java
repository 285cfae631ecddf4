package io.sluice.server.firehose;

import io.sluice.firehose.config.SearchDestination;
import io.sluice.protocol.ResponseWriter;

/**
 * Writes an AmazonopensearchserviceDestinationDescription or ElasticsearchDestinationDescription. The cluster
 * endpoint is shown without the user information it may carry (basic authentication credentials). Stateless.
 */
final class SearchDescription {

    private SearchDescription() {
    }

    static void write(ResponseWriter out, SearchDestination d) {
        out.startObject(d.service().wireName() + "DestinationDescription")
                .string("RoleARN", d.roleArn())
                .string("ClusterEndpoint", d.endpointWithoutCredentials())
                .string("IndexName", d.indexName())
                .string("TypeName", d.typeName())
                .string("IndexRotationPeriod", d.rotation().wireName());
        DescriptionWriter.hints(out, d.bufferingHints());
        out.startObject("RetryOptions").number("DurationInSeconds", d.retryDurationSeconds()).endObject()
                .string("S3BackupMode", d.allDocumentsBackup() ? "AllDocuments" : "FailedDocumentsOnly");
        DescriptionWriter.s3(out, "S3DestinationDescription", d.s3());
        DescriptionWriter.processing(out, d.processing());
        DescriptionWriter.logging(out, d.logging());
        out.startObject("DocumentIdOptions")
                .string("DefaultDocumentIdFormat", d.firehoseDocumentIds() ? "FIREHOSE_DEFAULT" : "NO_DOCUMENT_ID")
                .endObject()
                .endObject();
    }
}
