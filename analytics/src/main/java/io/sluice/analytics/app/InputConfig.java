package io.sluice.analytics.app;

import io.sluice.analytics.format.SourceSchema;

/**
 * One streaming input of an application: the source (a Kinesis stream or a delivery stream, by ARN), the
 * in-application streams {@code <namePrefix>_001..._00<parallelism>} it feeds, how its records map to columns,
 * and an optional Lambda pre-processor (null ARNs when none). {@code startingPosition} is the one the
 * application last started with (null before its first start). {@code id} is KDA's {@code InputId} ("1.1").
 */
public record InputConfig(String id, String namePrefix, int parallelism, SourceKind kind, String resourceArn,
                          String roleArn, String processorArn, String processorRoleArn, SourceSchema schema,
                          StartingPosition startingPosition) {

    /** The in-application stream names this input creates, in order. */
    public java.util.List<String> streamNames() {
        java.util.List<String> names = new java.util.ArrayList<>(parallelism);
        for (int i = 1; i <= parallelism; i++) {
            names.add(namePrefix + "_" + String.format("%03d", i));
        }
        return names;
    }
}
