package io.sluice.server.firehose;

import io.sluice.firehose.DeliveryStreamMeta;
import io.sluice.firehose.DeliveryStreamView;
import io.sluice.firehose.Encryption;
import io.sluice.firehose.KinesisSource;
import io.sluice.firehose.MskSource;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.CloudWatchLogging;
import io.sluice.firehose.config.CommonAttribute;
import io.sluice.firehose.config.ExtendedS3Destination;
import io.sluice.firehose.config.HttpEndpointDestination;
import io.sluice.firehose.config.IcebergDestination;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.config.Processor;
import io.sluice.firehose.config.ProcessorParameter;
import io.sluice.firehose.config.RedshiftDestination;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.config.SearchDestination;
import io.sluice.firehose.config.SplunkDestination;
import io.sluice.protocol.ResponseWriter;

/**
 * Writes a DeliveryStreamDescription as DescribeDeliveryStream answers it. An ExtendedS3 destination is described
 * both as S3DestinationDescription and as ExtendedS3DestinationDescription, as AWS does; an HTTP endpoint's access
 * key is never shown. Stateless.
 */
final class DescriptionWriter {

    private DescriptionWriter() {
    }

    static void write(ResponseWriter out, DeliveryStreamView view) {
        DeliveryStreamMeta meta = view.meta();
        out.startObject("DeliveryStreamDescription")
                .string("DeliveryStreamName", meta.key().name())
                .string("DeliveryStreamARN", meta.key().arn())
                .string("DeliveryStreamStatus", view.status().name());
        encryption(out, meta.encryption(), view.encryptionStatus());
        out.string("DeliveryStreamType", meta.type().name())
                .string("VersionId", Integer.toString(meta.version()))
                .timestamp("CreateTimestamp", meta.createdAt())
                .timestamp("LastUpdateTimestamp", meta.lastUpdatedAt());
        source(out, meta);
        out.startArray("Destinations").startObject().string("DestinationId", DeliveryStreamMeta.DESTINATION_ID);
        switch (meta.destination()) {
            case ExtendedS3Destination s3 -> {
                s3(out, "S3DestinationDescription", s3.s3());
                extendedS3(out, s3);
            }
            case HttpEndpointDestination http -> httpEndpoint(out, http);
            case RedshiftDestination redshift -> RedshiftDescription.write(out, redshift);
            case IcebergDestination iceberg -> IcebergDescription.write(out, iceberg);
            case SearchDestination search -> SearchDescription.write(out, search);
            case SplunkDestination splunk -> SplunkDescription.write(out, splunk);
        }
        out.endObject().endArray().bool("HasMoreDestinations", false).endObject();
    }

    private static void encryption(ResponseWriter out, Encryption encryption, String status) {
        out.startObject("DeliveryStreamEncryptionConfiguration");
        if (encryption.keyType() != null) {
            out.string("KeyARN", encryption.keyArn()).string("KeyType", encryption.keyType());
        }
        out.string("Status", status).endObject();
    }

    private static void source(ResponseWriter out, DeliveryStreamMeta meta) {
        KinesisSource kinesis = meta.kinesisSource();
        if (kinesis != null) {
            out.startObject("Source").startObject("KinesisStreamSourceDescription")
                    .string("KinesisStreamARN", kinesis.streamArn()).string("RoleARN", kinesis.roleArn())
                    .timestamp("DeliveryStartTimestamp", kinesis.deliveryStartMillis()).endObject().endObject();
        } else if (meta.mskSource() != null) {
            MskSource msk = meta.mskSource();
            out.startObject("Source").startObject("MSKSourceDescription")
                    .string("MSKClusterARN", msk.clusterArn()).string("TopicName", msk.topicName())
                    .startObject("AuthenticationConfiguration").string("RoleARN", msk.roleArn())
                    .string("Connectivity", msk.connectivity()).endObject()
                    .timestamp("DeliveryStartTimestamp", msk.deliveryStartMillis())
                    .timestamp("ReadFromTimestamp", msk.readFromMillis()).endObject().endObject();
        } else if (meta.throughputHintMBs() != null) {
            out.startObject("Source").startObject("DirectPutSourceDescription")
                    .number("ThroughputHintInMBs", meta.throughputHintMBs()).endObject().endObject();
        }
    }

    private static void extendedS3(ResponseWriter out, ExtendedS3Destination d) {
        out.startObject("ExtendedS3DestinationDescription");
        s3Members(out, d.s3());
        processing(out, d.processing());
        out.string("S3BackupMode", d.backupEnabled() ? "Enabled" : "Disabled");
        if (d.backup() != null) {
            s3(out, "S3BackupDescription", d.backup());
        }
        out.startObject("DynamicPartitioningConfiguration")
                .startObject("RetryOptions").number("DurationInSeconds", d.dynamicPartitioning().retryDurationSeconds())
                .endObject().bool("Enabled", d.dynamicPartitioning().enabled()).endObject()
                .string("FileExtension", d.fileExtension())
                .string("CustomTimeZone", d.customTimeZone());
        if (d.dataFormatConversion() != null) {
            ConversionDescription.write(out, d.dataFormatConversion());
        }
        out.endObject();
    }

    private static void httpEndpoint(ResponseWriter out, HttpEndpointDestination d) {
        out.startObject("HttpEndpointDestinationDescription")
                .startObject("EndpointConfiguration").string("Url", d.url()).string("Name", d.name()).endObject();
        hints(out, d.bufferingHints());
        logging(out, d.logging());
        out.startObject("RequestConfiguration").string("ContentEncoding", d.contentEncoding())
                .startArray("CommonAttributes");
        for (CommonAttribute attribute : d.commonAttributes()) {
            out.startObject().string("AttributeName", attribute.name())
                    .string("AttributeValue", attribute.value()).endObject();
        }
        out.endArray().endObject();
        processing(out, d.processing());
        out.string("RoleARN", d.roleArn())
                .startObject("RetryOptions").number("DurationInSeconds", d.retryDurationSeconds()).endObject()
                .string("S3BackupMode", d.allDataBackup() ? "AllData" : "FailedDataOnly");
        s3(out, "S3DestinationDescription", d.s3());
        out.endObject();
    }

    static void s3(ResponseWriter out, String name, S3Settings s3) {
        out.startObject(name);
        s3Members(out, s3);
        out.endObject();
    }

    private static void s3Members(ResponseWriter out, S3Settings s3) {
        out.string("RoleARN", s3.roleArn()).string("BucketARN", s3.bucketArn()).string("Prefix", s3.prefix())
                .string("ErrorOutputPrefix", s3.errorOutputPrefix());
        hints(out, s3.bufferingHints());
        out.string("CompressionFormat", s3.compression().wireName()).startObject("EncryptionConfiguration");
        if (s3.kmsKeyArn() == null) {
            out.string("NoEncryptionConfig", "NoEncryption");
        } else {
            out.startObject("KMSEncryptionConfig").string("AWSKMSKeyARN", s3.kmsKeyArn()).endObject();
        }
        out.endObject();
        logging(out, s3.logging());
    }

    static void hints(ResponseWriter out, BufferingHints hints) {
        out.startObject("BufferingHints").number("SizeInMBs", hints.sizeInMBs())
                .number("IntervalInSeconds", hints.intervalInSeconds()).endObject();
    }

    static void logging(ResponseWriter out, CloudWatchLogging logging) {
        out.startObject("CloudWatchLoggingOptions").bool("Enabled", logging.enabled())
                .string("LogGroupName", logging.logGroupName()).string("LogStreamName", logging.logStreamName())
                .endObject();
    }

    static void processing(ResponseWriter out, Processing processing) {
        out.startObject("ProcessingConfiguration").bool("Enabled", processing.enabled()).startArray("Processors");
        for (Processor processor : processing.processors()) {
            out.startObject().string("Type", processor.type()).startArray("Parameters");
            for (ProcessorParameter parameter : processor.parameters()) {
                out.startObject().string("ParameterName", parameter.name())
                        .string("ParameterValue", parameter.value()).endObject();
            }
            out.endArray().endObject();
        }
        out.endArray().endObject();
    }
}
