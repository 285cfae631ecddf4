package io.sluice.cli;

import io.sluice.firehose.delivery.S3ObjectStore;
import io.sluice.firehose.delivery.iceberg.IcebergCatalogs;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The Iceberg catalog of Iceberg destinations: every {@code firehose.iceberg.catalog.<property>} key becomes the
 * catalog property {@code <property>} that Iceberg's {@code CatalogUtil.buildIcebergCatalog} reads ({@code type},
 * {@code warehouse}, {@code uri}, {@code jdbc.user}, {@code io-impl}...). Stateless.
 */
final class IcebergSettings {

    private static final String PREFIX = "firehose.iceberg.catalog.";

    private IcebergSettings() {
    }

    static boolean isKey(String key) {
        return key.startsWith(PREFIX) && key.length() > PREFIX.length();
    }

    /** The catalog of these settings, with {@code s3://} tables on Firehose's S3-compatible store (null: AWS's). */
    static IcebergCatalogs read(Properties props, S3ObjectStore.Settings store) {
        Map<String, String> properties = new HashMap<>();
        for (String key : props.stringPropertyNames()) {
            if (isKey(key)) {
                properties.put(key.substring(PREFIX.length()), props.getProperty(key).trim());
            }
        }
        return IcebergCatalogs.onStore(properties, store);
    }
}
