package io.sluice.server.analytics;

import io.sluice.analytics.app.Application;
import io.sluice.analytics.app.ApplicationDefinition;
import io.sluice.analytics.app.InputConfig;
import io.sluice.analytics.app.LoggingOption;
import io.sluice.analytics.app.OutputConfig;
import io.sluice.analytics.app.ReferenceConfig;
import io.sluice.analytics.app.SourceKind;
import io.sluice.analytics.format.RecordColumn;
import io.sluice.analytics.format.RecordFormat;
import io.sluice.analytics.format.RecordFormatType;
import io.sluice.analytics.format.SourceSchema;
import io.sluice.protocol.ResponseWriter;

/**
 * Writes applications as the model names them: {@code ApplicationDetail} (DescribeApplication) and
 * {@code ApplicationSummary} (CreateApplication, ListApplications), and {@code SourceSchema} (also
 * DiscoverInputSchema's answer). Timestamps are epoch seconds. Stateless.
 */
final class DescriptionWriter {

    private DescriptionWriter() {
    }

    static void summary(ResponseWriter out, Application app) {
        out.string("ApplicationName", app.key().name()).string("ApplicationARN", app.arn())
                .string("ApplicationStatus", app.status().name());
    }

    static void detail(ResponseWriter out, Application app) {
        ApplicationDefinition d = app.definition();
        out.startObject("ApplicationDetail");
        out.string("ApplicationName", app.key().name());
        if (d.description() != null) {
            out.string("ApplicationDescription", d.description());
        }
        out.string("ApplicationARN", app.arn()).string("ApplicationStatus", app.status().name())
                .timestamp("CreateTimestamp", app.createdAt()).timestamp("LastUpdateTimestamp", app.lastUpdatedAt());
        out.startArray("InputDescriptions");
        d.inputs().forEach(input -> input(out, input));
        out.endArray().startArray("OutputDescriptions");
        d.outputs().forEach(output -> output(out, output));
        out.endArray().startArray("ReferenceDataSourceDescriptions");
        d.references().forEach(reference -> reference(out, reference));
        out.endArray().startArray("CloudWatchLoggingOptionDescriptions");
        for (LoggingOption option : d.loggingOptions()) {
            out.startObject().string("CloudWatchLoggingOptionId", option.id())
                    .string("LogStreamARN", option.logStreamArn()).string("RoleARN", option.roleArn()).endObject();
        }
        out.endArray().string("ApplicationCode", d.code()).number("ApplicationVersionId", app.versionId());
        out.endObject();
    }

    private static void input(ResponseWriter out, InputConfig input) {
        out.startObject().string("InputId", input.id()).string("NamePrefix", input.namePrefix());
        out.startArray("InAppStreamNames");
        input.streamNames().forEach(out::string);
        out.endArray();
        if (input.processorArn() != null) {
            out.startObject("InputProcessingConfigurationDescription");
            resource(out, "InputLambdaProcessorDescription", input.processorArn(), input.processorRoleArn());
            out.endObject();
        }
        resource(out, input.kind() == SourceKind.KINESIS_STREAM ? "KinesisStreamsInputDescription"
                : "KinesisFirehoseInputDescription", input.resourceArn(), input.roleArn());
        schema(out, "InputSchema", input.schema());
        out.startObject("InputParallelism").number("Count", input.parallelism()).endObject();
        out.startObject("InputStartingPositionConfiguration");
        if (input.startingPosition() != null) {
            out.string("InputStartingPosition", input.startingPosition().name());
        }
        out.endObject().endObject();
    }

    private static void output(ResponseWriter out, OutputConfig output) {
        out.startObject().string("OutputId", output.id()).string("Name", output.name());
        resource(out, switch (output.kind()) {
            case KINESIS_STREAM -> "KinesisStreamsOutputDescription";
            case FIREHOSE -> "KinesisFirehoseOutputDescription";
            case LAMBDA -> "LambdaOutputDescription";
        }, output.resourceArn(), output.roleArn());
        out.startObject("DestinationSchema").string("RecordFormatType", output.format().name()).endObject();
        out.endObject();
    }

    private static void reference(ResponseWriter out, ReferenceConfig reference) {
        out.startObject().string("ReferenceId", reference.id()).string("TableName", reference.tableName());
        out.startObject("S3ReferenceDataSourceDescription").string("BucketARN", reference.bucketArn())
                .string("FileKey", reference.fileKey()).string("ReferenceRoleARN", reference.roleArn()).endObject();
        schema(out, "ReferenceSchema", reference.schema());
        out.endObject();
    }

    private static void resource(ResponseWriter out, String name, String arn, String role) {
        out.startObject(name).string("ResourceARN", arn).string("RoleARN", role).endObject();
    }

    static void schema(ResponseWriter out, String name, SourceSchema schema) {
        out.startObject(name);
        RecordFormat format = schema.format();
        out.startObject("RecordFormat").string("RecordFormatType", format.type().name());
        out.startObject("MappingParameters");
        if (format.type() == RecordFormatType.JSON) {
            out.startObject("JSONMappingParameters").string("RecordRowPath", format.jsonRowPath()).endObject();
        } else {
            out.startObject("CSVMappingParameters").string("RecordRowDelimiter", format.csvRowDelimiter())
                    .string("RecordColumnDelimiter", format.csvColumnDelimiter()).endObject();
        }
        out.endObject().endObject();
        if (schema.encoding() != null) {
            out.string("RecordEncoding", schema.encoding());
        }
        out.startArray("RecordColumns");
        for (RecordColumn column : schema.columns()) {
            out.startObject().string("Name", column.name());
            if (column.mapping() != null) {
                out.string("Mapping", column.mapping());
            }
            out.string("SqlType", column.type().toString()).endObject();
        }
        out.endArray().endObject();
    }
}
