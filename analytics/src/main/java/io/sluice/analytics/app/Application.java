package io.sluice.analytics.app;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An application as the registry keeps and stores it. Immutable: every change makes a new one.
 *
 * @param createdAt     epoch millis of CreateApplication (DeleteApplication must name it)
 * @param lastUpdatedAt epoch millis of the last change of its definition
 * @param versionId     KDA's {@code ApplicationVersionId}: 1 at creation, +1 on each change of the definition
 * @param tags          sorted by key
 */
public record Application(ApplicationKey key, ApplicationDefinition definition, Map<String, String> tags,
                          long createdAt, long lastUpdatedAt, long versionId, ApplicationStatus status) {

    public Application {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(status, "status");
        tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags == null ? Map.of() : tags));
    }

    public String arn() {
        return key.arn();
    }

    /** What the runner runs: the definition at this version. */
    public ApplicationConfig config() {
        return new ApplicationConfig(arn(), key.name(), versionId, definition.code(), definition.inputs(),
                definition.outputs(), definition.references());
    }

    public Application withStatus(ApplicationStatus newStatus) {
        return new Application(key, definition, tags, createdAt, lastUpdatedAt, versionId, newStatus);
    }

    /** The next version, with {@code newDefinition}. */
    public Application changed(ApplicationDefinition newDefinition, long now) {
        return new Application(key, newDefinition, tags, createdAt, now, versionId + 1, status);
    }

    public Application withTags(Map<String, String> newTags) {
        return new Application(key, definition, newTags, createdAt, lastUpdatedAt, versionId, status);
    }

    /** The inputs as they start from {@code position}: what Describe shows as InputStartingPositionConfiguration. */
    public Application startingFrom(StartingPosition position) {
        List<InputConfig> inputs = new ArrayList<>();
        for (InputConfig in : definition.inputs()) {
            inputs.add(new InputConfig(in.id(), in.namePrefix(), in.parallelism(), in.kind(), in.resourceArn(),
                    in.roleArn(), in.processorArn(), in.processorRoleArn(), in.schema(), position));
        }
        return new Application(key, definition.withInputs(inputs), tags, createdAt, lastUpdatedAt, versionId,
                status);
    }
}
