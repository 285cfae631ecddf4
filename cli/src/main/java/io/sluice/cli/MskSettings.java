package io.sluice.cli;

import io.sluice.firehose.source.MskClusters;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The Kafka clusters MSKAsSource delivery streams may read: {@code firehose.msk.<cluster name>.bootstrap-servers}
 * for the cluster an MSK ARN names ({@code arn:aws:kafka:<region>:<account>:cluster/<cluster name>/<uuid>}), and
 * {@code firehose.msk.bootstrap-servers} for any other. Stateless.
 */
final class MskSettings {

    private static final String PREFIX = "firehose.msk.";
    private static final String SUFFIX = ".bootstrap-servers";
    private static final String DEFAULT_KEY = PREFIX + "bootstrap-servers";

    private MskSettings() {
    }

    static boolean isKey(String key) {
        return key.equals(DEFAULT_KEY) || key.startsWith(PREFIX) && key.endsWith(SUFFIX)
                && key.length() > PREFIX.length() + SUFFIX.length();
    }

    static MskClusters read(Properties props) {
        Map<String, String> byName = new HashMap<>();
        for (String key : props.stringPropertyNames()) {
            if (isKey(key) && !key.equals(DEFAULT_KEY)) {
                byName.put(key.substring(PREFIX.length(), key.length() - SUFFIX.length()),
                        props.getProperty(key).trim());
            }
        }
        String fallback = props.getProperty(DEFAULT_KEY);
        return new MskClusters(byName, fallback == null || fallback.isBlank() ? null : fallback.trim());
    }
}
