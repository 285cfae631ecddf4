package io.sluice.server.lambda;

import io.sluice.mappings.EventSourceMapping;
import io.sluice.mappings.MappingSettings;
import io.sluice.mappings.StartingPosition;
import io.sluice.protocol.ResponseWriter;

/**
 * Writes an event source mapping as Lambda's {@code EventSourceMappingConfiguration}, with the model's field
 * names: dates in epoch seconds, {@code DestinationConfig.OnFailure} always present (empty without a
 * destination, as Lambda answers for a Kinesis source), {@code FilterCriteria} only when there are filters.
 * Stateless.
 */
final class MappingWriter {

    private MappingWriter() {
    }

    /** The members of one mapping, into the object {@code out} has open. */
    static void write(ResponseWriter out, EventSourceMapping mapping, String lastProcessingResult) {
        MappingSettings s = mapping.settings();
        out.string("UUID", mapping.uuid())
                .string("StartingPosition", s.startingPosition().name());
        if (s.startingPosition() == StartingPosition.AT_TIMESTAMP && s.startingPositionTimestampMillis() != null) {
            out.timestamp("StartingPositionTimestamp", s.startingPositionTimestampMillis());
        }
        out.number("BatchSize", s.batchSize())
                .number("MaximumBatchingWindowInSeconds", s.maximumBatchingWindowSeconds())
                .number("ParallelizationFactor", s.parallelizationFactor())
                .string("EventSourceArn", mapping.eventSourceArn());
        if (!s.filterPatterns().isEmpty()) {
            out.startObject("FilterCriteria").startArray("Filters");
            for (String pattern : s.filterPatterns()) {
                out.startObject().string("Pattern", pattern).endObject();
            }
            out.endArray().endObject();
        }
        out.string("FunctionArn", mapping.functionArn())
                .timestamp("LastModified", mapping.lastModifiedMillis())
                .string("LastProcessingResult", lastProcessingResult == null ? "No records processed"
                        : lastProcessingResult)
                .string("State", mapping.state().awsName())
                .string("StateTransitionReason", mapping.stateTransitionReason() == null ? "USER_INITIATED"
                        : mapping.stateTransitionReason());
        out.startObject("DestinationConfig").startObject("OnFailure");
        if (s.onFailureDestination() != null) {
            out.string("Destination", s.onFailureDestination());
        }
        out.endObject().endObject();
        out.number("MaximumRecordAgeInSeconds", s.maximumRecordAgeSeconds())
                .bool("BisectBatchOnFunctionError", s.bisectBatchOnFunctionError())
                .number("MaximumRetryAttempts", s.maximumRetryAttempts())
                .number("TumblingWindowInSeconds", s.tumblingWindowSeconds())
                .startArray("FunctionResponseTypes");
        if (s.reportBatchItemFailures()) {
            out.string("ReportBatchItemFailures");
        }
        out.endArray().string("EventSourceMappingArn", mapping.arn());
    }
}
