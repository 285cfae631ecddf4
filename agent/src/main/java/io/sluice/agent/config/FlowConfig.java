package io.sluice.agent.config;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of agent.json's {@code flows}: which files to tail, where their records go, how they are split,
 * converted and buffered. Values are already validated and defaulted (see {@code AgentConfigReader}). Immutable.
 *
 * @param id                     a stable name of the flow for checkpoints, logs and metrics:
 *                               {@code <filePattern>-><destination>}
 * @param filePattern            the glob of the files to tail (several files may match)
 * @param destination            the stream or delivery stream records go to
 * @param partitionKeyOption     how Kinesis partition keys are chosen
 * @param initialPosition        where a file seen for the first time (no checkpoint) is read from
 * @param multiLineStartPattern  a record starts at a line matching this (null: every line is a record)
 * @param skipHeaderLines        lines skipped at the start of each file
 * @param truncatedRecordTerminator appended to a record cut at the record size limit
 * @param fileFooterPattern      a line matching this ends the file's records (null: none)
 * @param aggregatedRecordSizeBytes Firehose: records are packed into one record up to this size (0: off)
 * @param processing             dataProcessingOptions, applied in order
 */
public record FlowConfig(String id, String filePattern, Destination destination,
                         PartitionKeyOption partitionKeyOption, InitialPosition initialPosition,
                         long maxBufferAgeMillis, int maxBufferSizeRecords, long maxBufferSizeBytes,
                         long minTimeBetweenFilePollsMillis, long maxTimeBetweenFileTrackerRefreshMillis,
                         Pattern multiLineStartPattern, int skipHeaderLines, String truncatedRecordTerminator,
                         Pattern fileFooterPattern, int aggregatedRecordSizeBytes, long retryInitialBackoffMillis,
                         long retryMaxBackoffMillis, int publishQueueCapacity, long waitOnFullPublishQueueMillis,
                         List<ProcessingOption> processing) {

    public FlowConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(filePattern, "filePattern");
        Objects.requireNonNull(destination, "destination");
        processing = List.copyOf(processing);
    }

    /** Where a flow's records go: a Kinesis stream or a Firehose delivery stream, by name or ARN. */
    public record Destination(Kind kind, String name) {

        public enum Kind {
            KINESIS_STREAM(1024 * 1024),
            DELIVERY_STREAM(1000 * 1024);

            private final int maxRecordBytes;

            Kind(int maxRecordBytes) {
                this.maxRecordBytes = maxRecordBytes;
            }

            /**
             * The largest record the service takes (Kinesis 1 MiB, Firehose 1000 KiB, as AWS's agent): longer
             * records are truncated to it.
             */
            public int maxRecordBytes() {
                return maxRecordBytes;
            }
        }

        public Destination {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
        }
    }

    public enum PartitionKeyOption { RANDOM, DETERMINISTIC }

    public enum InitialPosition { START_OF_FILE, END_OF_FILE }
}
