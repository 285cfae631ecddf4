package io.sluice.firehose.config;

import java.util.Arrays;
import java.util.List;

/** The CompressionFormat of an S3 destination, with its wire name and the file extension AWS gives objects. */
public enum Compression {
    UNCOMPRESSED("UNCOMPRESSED", ""),
    GZIP("GZIP", ".gz"),
    ZIP("ZIP", ".zip"),
    SNAPPY("Snappy", ".snappy"),
    HADOOP_SNAPPY("HADOOP_SNAPPY", ".hsnappy");

    public static final List<String> WIRE_NAMES = Arrays.stream(values()).map(Compression::wireName).toList();

    private final String wireName;
    private final String extension;

    Compression(String wireName, String extension) {
        this.wireName = wireName;
        this.extension = extension;
    }

    public String wireName() {
        return wireName;
    }

    public String extension() {
        return extension;
    }

    public static Compression fromWire(String name) {
        for (Compression c : values()) {
            if (c.wireName.equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown compression format: " + name);
    }
}
