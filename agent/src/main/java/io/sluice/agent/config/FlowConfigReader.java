package io.sluice.agent.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.agent.config.FlowConfig.Destination;
import io.sluice.agent.config.FlowConfig.InitialPosition;
import io.sluice.agent.config.FlowConfig.PartitionKeyOption;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads one entry of agent.json's {@code flows} with AWS's agent's defaults and ranges ({@code FileFlow},
 * {@code KinesisFileFlow}, {@code FirehoseFileFlow}). Problems go to the caller's list. One reader thread.
 */
final class FlowConfigReader {

    /** Kinesis PutRecords: 500 records and 5 MiB per call. */
    static final int KINESIS_MAX_BUFFER_BYTES = 5 * 1024 * 1024;
    /** Firehose PutRecordBatch: 500 records and 4 MiB per call. */
    static final int FIREHOSE_MAX_BUFFER_BYTES = 4 * 1024 * 1024;

    private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    private static final Pattern STREAM_ARN = Pattern.compile("arn:[\\w-]+:(kinesis|firehose):[\\w-]+:\\d{12}:"
            + "(stream|deliverystream)/[a-zA-Z0-9_.-]{1,128}");
    private static final long SECOND = 1_000;
    private static final long FIFTEEN_MINUTES = 15 * 60 * SECOND;

    private final ProcessingOptionReader options;

    FlowConfigReader(ObjectMapper mapper) {
        this.options = new ProcessingOptionReader(mapper);
    }

    /** The flow, or null when it has problems (they are in the list). */
    FlowConfig read(ObjectNode node, String where, List<String> problems) {
        int before = problems.size();
        ConfigSection flow = new ConfigSection(node, where, problems);
        String filePattern = flow.string("filePattern", null);
        if (filePattern == null || filePattern.isBlank()) {
            flow.problem("filePattern", "required: the glob of the files to tail");
        }
        Destination destination = destination(flow);
        Destination.Kind kind = destination == null ? Destination.Kind.KINESIS_STREAM : destination.kind();
        boolean kinesis = kind == Destination.Kind.KINESIS_STREAM;
        int maxRecordBytes = kind.maxRecordBytes();

        PartitionKeyOption partitionKeys = flow.choice("partitionKeyOption", PartitionKeyOption.class,
                PartitionKeyOption.RANDOM);
        if (!kinesis && flow.has("partitionKeyOption")) {
            flow.problem("partitionKeyOption", "only for kinesisStream flows (delivery streams have no partition keys)");
        }
        InitialPosition initial = flow.choice("initialPosition", InitialPosition.class, InitialPosition.END_OF_FILE);
        long maxBufferAge = flow.number("maxBufferAgeMillis", 60_000, SECOND, FIFTEEN_MINUTES);
        int maxBufferRecords = flow.integer("maxBufferSizeRecords", 500, 1, 500);
        int maxBufferBytesLimit = kinesis ? KINESIS_MAX_BUFFER_BYTES : FIREHOSE_MAX_BUFFER_BYTES;
        long maxBufferBytes = flow.number("maxBufferSizeBytes", maxBufferBytesLimit, 1, maxBufferBytesLimit);
        long minPoll = flow.number("minTimeBetweenFilePollsMillis", 100, 1, FIFTEEN_MINUTES);
        long maxRefresh = flow.number("maxTimeBetweenFileTrackerRefreshMillis", 10_000, 1, FIFTEEN_MINUTES);
        Pattern multiLineStart = flow.pattern("multiLineStartPattern");
        int skipHeaderLines = flow.integer("skipHeaderLines", 0, 0, Integer.MAX_VALUE);
        String terminator = flow.string("truncatedRecordTerminator", "\n");
        if (terminator.getBytes(StandardCharsets.UTF_8).length >= maxRecordBytes) {
            flow.problem("truncatedRecordTerminator", "must be shorter than the record size limit ("
                    + maxRecordBytes + " bytes)");
        }
        Pattern footer = flow.pattern("fileFooterPattern");
        int aggregated = flow.integer("aggregatedRecordSizeBytes", 0, 0, maxRecordBytes);
        if (kinesis && aggregated > 0) {
            flow.problem("aggregatedRecordSizeBytes", "only for deliveryStream flows");
        }
        long retryInitial = flow.number("retryInitialBackoffMillis", 100, 1, FIFTEEN_MINUTES);
        long retryMax = flow.number("retryMaxBackoffMillis", 10_000, 1, FIFTEEN_MINUTES);
        if (retryMax < retryInitial) {
            flow.problem("retryMaxBackoffMillis", retryMax + " is below retryInitialBackoffMillis (" + retryInitial
                    + ")");
        }
        int queueCapacity = flow.integer("publishQueueCapacity", 100, 1, 100_000);
        long waitOnFull = flow.number("waitOnFullPublishQueueMillis", 60_000, SECOND, FIFTEEN_MINUTES);
        // read for compatibility, not used: this agent's reader does not wait on an empty queue, and its metrics
        // are on the Prometheus endpoint
        flow.number("waitOnEmptyPublishQueueMillis", 60_000, SECOND, FIFTEEN_MINUTES);
        flow.bool("log.emitInternalMetrics", false);
        List<ProcessingOption> processing = options.read(flow.raw("dataProcessingOptions"),
                flow.name("dataProcessingOptions"), problems);
        flow.reportUnknownKeys();
        if (problems.size() != before) {
            return null;
        }
        return new FlowConfig(filePattern + "->" + destination.name(), filePattern, destination, partitionKeys,
                initial, maxBufferAge, maxBufferRecords, maxBufferBytes, minPoll, maxRefresh, multiLineStart,
                skipHeaderLines, terminator, footer, aggregated, retryInitial, retryMax, queueCapacity, waitOnFull,
                processing);
    }

    private static Destination destination(ConfigSection flow) {
        String stream = flow.string("kinesisStream", null);
        String deliveryStream = flow.string("deliveryStream", null);
        if (stream != null && deliveryStream != null) {
            flow.problem("deliveryStream", "give either kinesisStream or deliveryStream, not both");
            return null;
        }
        if (stream == null && deliveryStream == null) {
            flow.problem("kinesisStream", "missing: a flow needs kinesisStream or deliveryStream");
            return null;
        }
        String key = stream != null ? "kinesisStream" : "deliveryStream";
        String name = stream != null ? stream : deliveryStream;
        if (!STREAM_NAME.matcher(name).matches() && !STREAM_ARN.matcher(name).matches()) {
            flow.problem(key, "\"" + name + "\" is not a stream name (1-128 of a-z A-Z 0-9 _ . -) or ARN");
            return null;
        }
        return new Destination(stream != null ? Destination.Kind.KINESIS_STREAM : Destination.Kind.DELIVERY_STREAM,
                name);
    }
}
