package io.sluice.analytics.app;

import java.util.List;

/**
 * Everything an application runs from, at one version: its ARN, code, inputs (KDA allows one), outputs (up to
 * three) and reference data sources (up to one). Immutable.
 */
public record ApplicationConfig(String arn, String name, long versionId, String code, List<InputConfig> inputs,
                                List<OutputConfig> outputs, List<ReferenceConfig> references) {

    public ApplicationConfig {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        references = List.copyOf(references);
    }
}
