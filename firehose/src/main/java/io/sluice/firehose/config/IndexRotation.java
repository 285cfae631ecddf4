package io.sluice.firehose.config;

import java.util.Arrays;
import java.util.List;

/** The IndexRotationPeriod of an OpenSearch or Elasticsearch destination, by its wire name. */
public enum IndexRotation {
    NO_ROTATION("NoRotation"),
    ONE_HOUR("OneHour"),
    ONE_DAY("OneDay"),
    ONE_WEEK("OneWeek"),
    ONE_MONTH("OneMonth");

    public static final List<String> WIRE_NAMES = Arrays.stream(values()).map(IndexRotation::wireName).toList();

    private final String wireName;

    IndexRotation(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static IndexRotation fromWire(String name) {
        for (IndexRotation rotation : values()) {
            if (rotation.wireName.equals(name)) {
                return rotation;
            }
        }
        throw new IllegalArgumentException("unknown index rotation period " + name);
    }
}
