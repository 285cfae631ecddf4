package io.sluice.cli.bench;

import java.util.Map;

/**
 * What became of the records of one put call.
 *
 * @param throttled records refused with ProvisionedThroughputExceededException
 * @param failed    records refused with any other error code, by code
 */
record PutOutcome(int acked, int throttled, Map<String, Integer> failed) {

    static PutOutcome allAcked(int records) {
        return new PutOutcome(records, 0, Map.of());
    }

    int failedCount() {
        return failed.values().stream().mapToInt(Integer::intValue).sum();
    }
}
