package io.sluice.glue;

import java.util.Map;

/** How rows are serialized (the SerDe); every member is optional (null when not given). */
public record SerDeInfo(String name, String serializationLibrary, Map<String, String> parameters) {

    public SerDeInfo {
        parameters = parameters == null ? null : Map.copyOf(parameters);
    }
}
