package io.sluice.firehose.processing;

import java.util.List;

/**
 * One processor of a delivery stream. Called by the stream's delivery thread only; implementations keep no state
 * between calls beyond their configuration.
 */
@FunctionalInterface
public interface ProcessingStage {

    StageResult apply(List<ProcessedRecord> records);
}
