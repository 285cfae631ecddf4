package io.sluice.firehose.delivery.iceberg;

import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

import java.util.HashMap;
import java.util.Map;

/**
 * The Iceberg catalog Iceberg destinations write through, standing in for the Glue catalog a CatalogARN names: the
 * properties Iceberg's {@link CatalogUtil#buildIcebergCatalog} takes ({@code type} hadoop, jdbc or rest, or
 * {@code catalog-impl}; {@code warehouse}, {@code uri}...), from the {@code firehose.iceberg.catalog.*} settings.
 * Immutable.
 */
public record IcebergCatalogs(Map<String, String> properties) {

    /** No catalog configured: Iceberg destinations are refused. */
    public static final IcebergCatalogs NONE = new IcebergCatalogs(Map.of());

    static final String CATALOG_NAME = "sluice";

    public IcebergCatalogs {
        properties = Map.copyOf(properties);
    }

    public boolean configured() {
        return properties.containsKey(CatalogUtil.ICEBERG_CATALOG_TYPE)
                || properties.containsKey("catalog-impl");
    }

    /**
     * A new catalog client; a destination's WarehouseLocation, when given, replaces the {@code warehouse} setting.
     *
     * @throws RuntimeException whatever Iceberg throws when the catalog cannot be opened
     */
    public Catalog open(String warehouseLocation) {
        Map<String, String> options = new HashMap<>(properties);
        if (warehouseLocation != null && !warehouseLocation.isEmpty()) {
            options.put("warehouse", warehouseLocation);
        }
        return CatalogUtil.buildIcebergCatalog(CATALOG_NAME, options, hadoopConfiguration());
    }

    /**
     * Hadoop's settings for the hadoop catalog and Iceberg's Hadoop file IO. The local file system is not cached:
     * Hadoop's cache keys each file system by the current user, which Hadoop 3.4 reads through an API that Java
     * 24 and later have removed.
     */
    private static Configuration hadoopConfiguration() {
        Configuration conf = new Configuration();
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return conf;
    }
}
