package io.sluice.engine.task;

import java.util.Objects;

/**
 * Names one piece of background work across restarts and nodes: its kind ("firehose", "scaler", "retention",
 * later "analytics" and "mapping") and the resource it works on (e.g. {@code 123456789012/us-east-1/orders}).
 * The cluster mode assigns tasks to nodes by this id, so it must be stable for the life of the resource.
 */
public record TaskId(String kind, String resource) {

    public TaskId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(resource, "resource");
    }

    @Override
    public String toString() {
        return kind + ":" + resource;
    }
}
