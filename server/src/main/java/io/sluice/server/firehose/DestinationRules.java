package io.sluice.server.firehose;

import io.sluice.common.ServiceException;
import io.sluice.firehose.config.Compression;
import io.sluice.firehose.config.ConversionSchema;
import io.sluice.firehose.config.DataFormatConversion;
import io.sluice.firehose.config.DestinationConfig;
import io.sluice.firehose.config.ExtendedS3Destination;
import io.sluice.firehose.config.HttpEndpointDestination;
import io.sluice.firehose.config.RedshiftDestination;
import io.sluice.firehose.config.IcebergDestination;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.config.Processor;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.config.SearchDestination;
import io.sluice.firehose.config.SplunkDestination;
import io.sluice.firehose.delivery.PrefixTemplate;
import io.sluice.firehose.processing.MetadataExtraction;
import io.sluice.firehose.processing.ProcessingPipeline;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks of a whole destination configuration that the model's member constraints cannot express, answered
 * with InvalidArgumentException as AWS does: prefixes and their expressions, dynamic partitioning's requirements,
 * processor parameters, record format conversion's requirements, and what Sluice does not support yet. Stateless.
 */
final class DestinationRules {

    private static final Pattern LAMBDA_FUNCTION_ARN = Pattern.compile(
            "arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]{1,128})?");
    private static final List<String> SUB_RECORD_TYPES = List.of("JSON", "DELIMITED");
    private static final int MIN_CONVERSION_BUFFER_MB = 64;

    private DestinationRules() {
    }

    static void check(DestinationConfig destination) {
        switch (destination) {
            case ExtendedS3Destination s3 -> checkExtendedS3(s3);
            case HttpEndpointDestination http -> {
                checkPrefixes(http.s3(), false);
                checkProcessing(http.processing(), false);
            }
            case RedshiftDestination redshift -> {
                RedshiftRules.check(redshift);
                checkPrefixes(redshift.s3(), false);
                checkProcessing(redshift.processing(), false);
            }
            case IcebergDestination iceberg -> {
                checkPrefixes(iceberg.s3(), false);
                checkProcessing(iceberg.processing(), false);
            }
            case SearchDestination search -> {
                checkPrefixes(search.s3(), false);
                checkProcessing(search.processing(), false);
            }
            case SplunkDestination splunk -> {
                checkPrefixes(splunk.s3(), false);
                checkProcessing(splunk.processing(), false);
            }
        }
    }

    static ServiceException notYet(String what) {
        return ServiceException.invalidArgument(what + " is not supported by Sluice yet; use an ExtendedS3 or "
                + "HttpEndpoint destination.");
    }

    private static void checkExtendedS3(ExtendedS3Destination d) {
        boolean partitioned = d.dynamicPartitioning().enabled();
        checkPrefixes(d.s3(), partitioned);
        if (d.backup() != null) {
            checkPrefixes(d.backup(), false);
        }
        if (partitioned) {
            if (!PrefixTemplate.usesPartitionKeys(d.s3().prefix())) {
                throw ServiceException.invalidArgument("When dynamic partitioning is enabled, the Prefix must use "
                        + "!{partitionKeyFromQuery:...} or !{partitionKeyFromLambda:...}.");
            }
            if (d.s3().errorOutputPrefix() == null || d.s3().errorOutputPrefix().isEmpty()) {
                throw ServiceException.invalidArgument("When dynamic partitioning is enabled, an ErrorOutputPrefix "
                        + "is required.");
            }
        }
        if (d.customTimeZone() != null && !d.customTimeZone().isEmpty()) {
            try {
                ZoneId.of(d.customTimeZone());
            } catch (DateTimeException e) {
                throw ServiceException.invalidArgument("CustomTimeZone " + d.customTimeZone()
                        + " is not a known time zone.");
            }
        }
        checkProcessing(d.processing(), partitioned);
        if (d.dataFormatConversion() != null && d.dataFormatConversion().enabled()) {
            checkConversion(d);
        }
    }

    /** AWS's rules for record format conversion: a complete configuration, a 64 MiB buffer, no S3 compression. */
    private static void checkConversion(ExtendedS3Destination d) {
        DataFormatConversion conversion = d.dataFormatConversion();
        ConversionSchema schema = conversion.schema();
        if (schema == null) {
            throw ServiceException.invalidArgument("SchemaConfiguration is required when DataFormatConversion is "
                    + "enabled.");
        }
        if (schema.databaseName() == null || schema.tableName() == null || schema.roleArn() == null) {
            throw ServiceException.invalidArgument("SchemaConfiguration needs a DatabaseName, a TableName and a "
                    + "RoleARN when DataFormatConversion is enabled.");
        }
        if (conversion.deserializer() == null) {
            throw ServiceException.invalidArgument("InputFormatConfiguration is required when DataFormatConversion "
                    + "is enabled.");
        }
        if (conversion.serializer() == null) {
            throw ServiceException.invalidArgument("OutputFormatConfiguration is required when "
                    + "DataFormatConversion is enabled.");
        }
        if (d.s3().bufferingHints().sizeInMBs() < MIN_CONVERSION_BUFFER_MB) {
            throw ServiceException.invalidArgument("BufferingHints.SizeInMBs must be at least "
                    + MIN_CONVERSION_BUFFER_MB + " when DataFormatConversion is enabled.");
        }
        if (d.s3().compression() != Compression.UNCOMPRESSED) {
            throw ServiceException.invalidArgument("CompressionFormat must be UNCOMPRESSED when "
                    + "DataFormatConversion is enabled: the Parquet or ORC serializer's compression applies.");
        }
    }

    private static void checkPrefixes(S3Settings s3, boolean partitioned) {
        for (String prefix : new String[]{s3.prefix(), s3.errorOutputPrefix()}) {
            String problem = PrefixTemplate.problem(prefix);
            if (problem != null) {
                throw ServiceException.invalidArgument(problem);
            }
        }
        if (!partitioned && PrefixTemplate.usesPartitionKeys(s3.prefix())) {
            throw ServiceException.invalidArgument("The Prefix uses partition keys, which need dynamic "
                    + "partitioning to be enabled.");
        }
    }

    private static void checkProcessing(Processing processing, boolean partitioned) {
        for (Processor processor : processing.processors()) {
            if (!ProcessingPipeline.SUPPORTED.contains(processor.type())) {
                throw notYet("The " + processor.type() + " processor");
            }
            switch (processor.type()) {
                case ProcessingPipeline.LAMBDA -> checkLambda(processor);
                case ProcessingPipeline.METADATA_EXTRACTION -> checkExtraction(processor, partitioned);
                case ProcessingPipeline.RECORD_DEAGGREGATION -> checkDeaggregation(processor);
                case ProcessingPipeline.DECOMPRESSION -> checkDecompression(processor);
                case ProcessingPipeline.CLOUDWATCH_LOG_PROCESSING -> checkLogProcessing(processor, processing);
                default -> checkDelimiter(processor);
            }
        }
    }

    private static void checkDecompression(Processor processor) {
        String format = processor.parameter("CompressionFormat", "GZIP");
        if (!format.equals("GZIP")) {
            throw ServiceException.invalidArgument("CompressionFormat must be GZIP, not " + format + ".");
        }
    }

    /** Message extraction reads decompressed CloudWatch Logs payloads, so it needs the Decompression processor. */
    private static void checkLogProcessing(Processor processor, Processing processing) {
        String extraction = processor.parameter("DataMessageExtraction", null);
        if (extraction == null || !List.of("true", "false").contains(extraction)) {
            throw ServiceException.invalidArgument("The CloudWatchLogProcessing processor needs a "
                    + "DataMessageExtraction parameter of true or false, not " + extraction + ".");
        }
        boolean decompressed = processing.processors().stream()
                .anyMatch(p -> p.type().equals(ProcessingPipeline.DECOMPRESSION));
        if (!decompressed) {
            throw ServiceException.invalidArgument("The CloudWatchLogProcessing processor needs the Decompression "
                    + "processor.");
        }
    }

    private static void checkLambda(Processor processor) {
        String function = processor.parameter("LambdaArn", null);
        if (function == null) {
            throw ServiceException.invalidArgument("The Lambda processor needs a LambdaArn parameter.");
        }
        if (!function.startsWith("http://") && !function.startsWith("https://")
                && !LAMBDA_FUNCTION_ARN.matcher(function).matches()) {
            throw ServiceException.invalidArgument("LambdaArn must be a Lambda function ARN (invoked through "
                    + "lambda.endpoint) or the function's URL (such as "
                    + "http://host:9000/2015-03-31/functions/function/invocations), not " + function + ".");
        }
        integer(processor, "NumberOfRetries", 0, 300);
        String size = processor.parameter("BufferSizeInMBs", null);
        if (size != null) {
            double mib = number(size, "BufferSizeInMBs");
            if (mib < 0.2 || mib > 3) {
                throw ServiceException.invalidArgument("BufferSizeInMBs must be between 0.2 and 3, not " + size + ".");
            }
        }
        integer(processor, "BufferIntervalInSeconds", 0, 900);
    }

    private static void checkExtraction(Processor processor, boolean partitioned) {
        if (!partitioned) {
            throw ServiceException.invalidArgument("The MetadataExtraction processor needs dynamic partitioning "
                    + "to be enabled.");
        }
        String query = processor.parameter("MetadataExtractionQuery", null);
        if (query == null) {
            throw ServiceException.invalidArgument("MetadataExtraction needs a MetadataExtractionQuery parameter.");
        }
        String engine = processor.parameter("JsonParsingEngine", "JQ-1.6");
        if (!engine.equals("JQ-1.6")) {
            throw ServiceException.invalidArgument("JsonParsingEngine must be JQ-1.6, not " + engine + ".");
        }
        try {
            new MetadataExtraction(query, () -> 0);
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalidArgument(e.getMessage());
        }
    }

    private static void checkDeaggregation(Processor processor) {
        String type = processor.parameter("SubRecordType", null);
        if (type != null && !SUB_RECORD_TYPES.contains(type)) {
            throw ServiceException.invalidArgument("SubRecordType must be JSON or DELIMITED, not " + type + ".");
        }
        if ("DELIMITED".equals(type) && processor.parameter("Delimiter", null) == null) {
            throw ServiceException.invalidArgument("SubRecordType DELIMITED needs a Delimiter parameter.");
        }
        checkDelimiter(processor);
    }

    private static void checkDelimiter(Processor processor) {
        String delimiter = processor.parameter("Delimiter", null);
        if (delimiter != null) {
            try {
                if (Base64.getDecoder().decode(delimiter).length == 0) {
                    throw ServiceException.invalidArgument("The Delimiter must not be empty.");
                }
            } catch (IllegalArgumentException e) {
                throw ServiceException.invalidArgument("The Delimiter must be base64-encoded: " + delimiter);
            }
        }
    }

    private static void integer(Processor processor, String name, int min, int max) {
        String value = processor.parameter(name, null);
        if (value != null) {
            double n = number(value, name);
            if (n != Math.rint(n) || n < min || n > max) {
                throw ServiceException.invalidArgument(name + " must be a whole number from " + min + " to " + max
                        + ", not " + value + ".");
            }
        }
    }

    private static double number(String value, String name) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw ServiceException.invalidArgument(name + " must be a number, not " + value + ".");
        }
    }
}
