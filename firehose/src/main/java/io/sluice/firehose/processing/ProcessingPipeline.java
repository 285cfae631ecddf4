package io.sluice.firehose.processing;

import io.sluice.common.Clock;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.config.Processor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The processors of a delivery stream, run in the order Firehose runs them whatever order they are listed in:
 * decompression of CloudWatch Logs payloads and the extraction of their log events (CloudWatch Logs never writes
 * KPL aggregates, so these come before de-aggregation), de-aggregation (always KPL de-aggregation for a Kinesis source), the Lambda transformation, metadata extraction
 * for dynamic partitioning, then the delimiter. Failures of every stage are collected. Apply from one thread at a
 * time.
 */
public final class ProcessingPipeline {

    public static final String RECORD_DEAGGREGATION = "RecordDeAggregation";
    public static final String LAMBDA = "Lambda";
    public static final String METADATA_EXTRACTION = "MetadataExtraction";
    public static final String APPEND_DELIMITER = "AppendDelimiterToRecord";
    public static final String DECOMPRESSION = "Decompression";
    public static final String CLOUDWATCH_LOG_PROCESSING = "CloudWatchLogProcessing";
    public static final List<String> SUPPORTED = List.of(DECOMPRESSION, CLOUDWATCH_LOG_PROCESSING,
            RECORD_DEAGGREGATION, LAMBDA, METADATA_EXTRACTION, APPEND_DELIMITER);

    /** AWS's defaults: 3 retries of a failed invocation, 1 MiB of records per invocation. */
    private static final String DEFAULT_RETRIES = "3";
    private static final String DEFAULT_BUFFER_MIB = "1";

    private final List<ProcessingStage> stages;

    private ProcessingPipeline(List<ProcessingStage> stages) {
        this.stages = List.copyOf(stages);
    }

    /**
     * The pipeline of a configuration.
     *
     * @param target where Lambda events say they come from ({@code function} is taken from the processor)
     * @throws IllegalArgumentException if a parameter has no meaning (a query that does not compile, ...)
     */
    public static ProcessingPipeline of(Processing processing, boolean kinesisSource, LambdaTransform.Target target,
                                        FunctionInvoker invoker, Clock clock) {
        List<ProcessingStage> stages = new ArrayList<>();
        if (processing.active(DECOMPRESSION) != null) {
            stages.add(new Decompression(clock));
        }
        Processor logs = processing.active(CLOUDWATCH_LOG_PROCESSING);
        if (logs != null && Boolean.parseBoolean(logs.parameter("DataMessageExtraction", "false"))) {
            stages.add(new CloudWatchLogProcessing(clock));
        }
        Processor deaggregation = processing.active(RECORD_DEAGGREGATION);
        if (deaggregation != null) {
            String type = deaggregation.parameter("SubRecordType", "NONE");
            stages.add(new Deaggregation(Deaggregation.SubRecordType.valueOf(type),
                    delimiter(deaggregation), clock));
        } else if (kinesisSource) {
            stages.add(new Deaggregation(Deaggregation.SubRecordType.NONE, new byte[0], clock));
        }
        Processor lambda = processing.active(LAMBDA);
        if (lambda != null) {
            int retries = (int) Double.parseDouble(lambda.parameter("NumberOfRetries", DEFAULT_RETRIES));
            double mib = Double.parseDouble(lambda.parameter("BufferSizeInMBs", DEFAULT_BUFFER_MIB));
            stages.add(new LambdaTransform(invoker, new LambdaTransform.Target(lambda.parameter("LambdaArn", null),
                    target.deliveryStreamArn(), target.sourceStreamArn(), target.region()), retries,
                    (long) (mib * (1 << 20)), clock));
        }
        Processor extraction = processing.active(METADATA_EXTRACTION);
        if (extraction != null) {
            stages.add(new MetadataExtraction(extraction.parameter("MetadataExtractionQuery", "{}"), clock));
        }
        Processor append = processing.active(APPEND_DELIMITER);
        if (append != null) {
            stages.add(new AppendDelimiter(delimiter(append)));
        }
        return new ProcessingPipeline(stages);
    }

    /** The Delimiter parameter, base64-encoded in the configuration; a newline by default. */
    private static byte[] delimiter(Processor processor) {
        String encoded = processor.parameter("Delimiter", null);
        return encoded == null ? "\n".getBytes(StandardCharsets.UTF_8) : Base64.getDecoder().decode(encoded);
    }

    public StageResult apply(List<ProcessedRecord> records) {
        List<ProcessedRecord> current = records;
        List<FailedRecord> failed = new ArrayList<>();
        for (ProcessingStage stage : stages) {
            if (current.isEmpty()) {
                break;
            }
            StageResult result = stage.apply(current);
            current = result.records();
            failed.addAll(result.failed());
        }
        return new StageResult(current, failed);
    }

    public boolean isEmpty() {
        return stages.isEmpty();
    }
}
