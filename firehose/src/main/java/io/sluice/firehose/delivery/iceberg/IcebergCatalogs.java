package io.sluice.firehose.delivery.iceberg;

import io.sluice.firehose.delivery.S3ObjectStore;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableMetadataParser;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.aws.AwsClientProperties;
import org.apache.iceberg.aws.s3.S3FileIOProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.ResolvingFileIO;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The Iceberg catalog Iceberg destinations write through, standing in for the Glue catalog a CatalogARN names: the
 * properties Iceberg's {@link CatalogUtil#buildIcebergCatalog} takes ({@code type} hadoop, jdbc or rest, or
 * {@code catalog-impl}; {@code warehouse}, {@code uri}...), from the {@code firehose.iceberg.catalog.*} settings.
 * <p>
 * Tables may live on the S3-compatible store Firehose writes to ({@code s3://} locations): {@link #onStore} adds
 * Iceberg's resolving file IO (S3 file IO for {@code s3://}, Hadoop's for local paths) with clients built as
 * Firehose's own ({@link ObjectStoreS3Clients}) for that store, unless the settings name their own. The hadoop
 * catalog keeps its metadata through a Hadoop file system, which Sluice does not bundle for S3, so it is refused on
 * an {@code s3://} warehouse.
 * <p>
 * Without a configured catalog, tables are found as AWS finds them: in the Glue Data Catalog the destination's
 * CatalogARN names ({@link #withGlue}, Sluice's own in the server), through {@link RegistryCatalog}. Immutable.
 */
public record IcebergCatalogs(Map<String, String> properties, IcebergTableRegistry glue) {

    /** No catalog configured: Iceberg destinations are refused. */
    public static final IcebergCatalogs NONE = new IcebergCatalogs(Map.of());

    static final String CATALOG_NAME = "sluice";

    public IcebergCatalogs {
        properties = Map.copyOf(properties);
        Objects.requireNonNull(glue, "glue");
    }

    /** These settings without a Glue Data Catalog to fall back on. */
    public IcebergCatalogs(Map<String, String> properties) {
        this(properties, IcebergTableRegistry.NONE);
    }

    /** The same settings, with Iceberg tables found in this Glue Data Catalog when no catalog is configured. */
    public IcebergCatalogs withGlue(IcebergTableRegistry registry) {
        return new IcebergCatalogs(properties, registry);
    }

    /**
     * The catalog of these settings, its tables' files reached through the resolving file IO, {@code s3://} ones
     * on {@code store} (null: AWS's S3 with the SDK's default credentials); a setting given explicitly wins.
     */
    public static IcebergCatalogs onStore(Map<String, String> settings, S3ObjectStore.Settings store) {
        Map<String, String> properties = new HashMap<>();
        properties.put(CatalogProperties.FILE_IO_IMPL, ResolvingFileIO.class.getName());
        properties.put(S3FileIOProperties.CLIENT_FACTORY, ObjectStoreS3Clients.class.getName());
        if (store != null) {
            if (store.endpoint() != null) {
                properties.put(S3FileIOProperties.ENDPOINT, store.endpoint().toString());
            }
            properties.put(S3FileIOProperties.PATH_STYLE_ACCESS, Boolean.toString(store.pathStyle()));
            properties.put(AwsClientProperties.CLIENT_REGION, store.region());
            if (store.accessKeyId() != null) {
                properties.put(S3FileIOProperties.ACCESS_KEY_ID, store.accessKeyId());
                properties.put(S3FileIOProperties.SECRET_ACCESS_KEY, store.secretAccessKey());
            }
        }
        properties.putAll(settings);
        return new IcebergCatalogs(properties);
    }

    /** Whether the settings name a catalog ({@code type} or {@code catalog-impl}), which wins over Glue. */
    public boolean configured() {
        return properties.containsKey(CatalogUtil.ICEBERG_CATALOG_TYPE)
                || properties.containsKey(CatalogProperties.CATALOG_IMPL);
    }

    /** Whether Iceberg destinations have a catalog at all: the configured one or the Glue Data Catalog. */
    public boolean available() {
        return configured() || glue != IcebergTableRegistry.NONE;
    }

    /**
     * Why a destination with this WarehouseLocation (null or empty: the {@code warehouse} setting) cannot be
     * written through this catalog, if it cannot.
     */
    public Optional<String> refusal(String warehouseLocation) {
        String warehouse = warehouse(warehouseLocation);
        if (CatalogUtil.ICEBERG_CATALOG_TYPE_HADOOP.equals(properties.get(CatalogUtil.ICEBERG_CATALOG_TYPE))
                && warehouse != null && isS3(warehouse)) {
            return Optional.of("The hadoop Iceberg catalog cannot keep tables on " + warehouse
                    + ": it needs a Hadoop file system for S3, which Sluice does not include. Use "
                    + "firehose.iceberg.catalog.type=jdbc or rest for a warehouse on the S3-compatible store.");
        }
        return Optional.empty();
    }

    /**
     * A new catalog client: the configured catalog, else the Glue Data Catalog {@code catalogArn} names. A
     * destination's WarehouseLocation, when given, replaces the {@code warehouse} setting.
     *
     * @throws RuntimeException whatever Iceberg throws when the catalog cannot be opened
     */
    public Catalog open(String catalogArn, String warehouseLocation) {
        Map<String, String> options = new HashMap<>(properties);
        String warehouse = warehouse(warehouseLocation);
        if (warehouse != null) {
            options.put(CatalogProperties.WAREHOUSE_LOCATION, warehouse);
        }
        if (configured()) {
            return CatalogUtil.buildIcebergCatalog(CATALOG_NAME, options, hadoopConfiguration());
        }
        return new RegistryCatalog(glue, catalogArn, warehouse, fileIo(options));
    }

    /**
     * Writes the first metadata file of a new, unpartitioned table at {@code location} (its
     * {@code metadata/} folder), for a catalog that registers tables itself (Glue's CreateTable with an Iceberg
     * OpenTableFormatInput); the file's location is returned.
     *
     * @throws RuntimeException whatever Iceberg's file IO throws when the file cannot be written
     */
    public String writeNewTable(Schema schema, String location, int formatVersion) {
        TableMetadata metadata = TableMetadata.newTableMetadata(schema, PartitionSpec.unpartitioned(),
                SortOrder.unsorted(), location, Map.of(TableProperties.FORMAT_VERSION, Integer.toString(
                        formatVersion)));
        String file = (location.endsWith("/") ? location : location + "/") + "metadata/00000-" + UUID.randomUUID()
                + ".metadata.json";
        try (FileIO io = fileIo(properties)) {
            TableMetadataParser.write(metadata, io.newOutputFile(file));
        }
        return file;
    }

    private static FileIO fileIo(Map<String, String> options) {
        return CatalogUtil.loadFileIO(options.getOrDefault(CatalogProperties.FILE_IO_IMPL,
                ResolvingFileIO.class.getName()), options, hadoopConfiguration());
    }

    private String warehouse(String warehouseLocation) {
        return warehouseLocation != null && !warehouseLocation.isEmpty() ? warehouseLocation
                : properties.get(CatalogProperties.WAREHOUSE_LOCATION);
    }

    private static boolean isS3(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        return lower.startsWith("s3://") || lower.startsWith("s3a://") || lower.startsWith("s3n://");
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
