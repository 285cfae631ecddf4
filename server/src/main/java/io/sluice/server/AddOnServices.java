package io.sluice.server;

import io.sluice.engine.store.MetaStore;
import io.sluice.firehose.FirehoseConfig;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.conversion.TableSchemas;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import io.sluice.firehose.delivery.ReadableObjectStore;
import io.sluice.firehose.delivery.S3ObjectStore;
import io.sluice.server.analytics.AnalyticsNode;
import io.sluice.server.firehose.FirehoseService;
import io.sluice.server.firehose.KmsBufferSealer;
import io.sluice.server.glue.GlueIcebergTables;
import io.sluice.server.glue.GlueService;
import io.sluice.server.glue.GlueTableSchemas;
import io.sluice.server.kinesis.RequestContext;
import io.sluice.glue.GlueCatalog;
import io.sluice.server.pipeline.Api;

import java.util.List;

/**
 * The APIs a node serves besides Kinesis (Firehose, Kinesis Analytics, the Glue Data Catalog) and the background
 * work behind them, once
 * opened: {@link LocalAddOns} opens them on the data directory, {@link ClusterAddOns} on the cluster backend's
 * stores. From the server's start/stop thread.
 */
final class AddOnServices implements AutoCloseable {

    private final ReadableObjectStore objects;
    private final KmsBufferSealer sealer;
    private final FirehoseEngine firehose;
    private final AnalyticsNode analytics;
    private final MetaStore analyticsStore;
    private final GlueCatalog glue;
    private final MetaStore glueStore;

    /**
     * @param analyticsStore the analytics catalogue's store if the add-ons opened it (closed after analytics), or
     *                       null when it is the engine's
     * @param glueStore      the Glue catalogue's store if the add-ons opened it (closed last), or null when it is
     *                       the engine's
     */
    AddOnServices(ReadableObjectStore objects, KmsBufferSealer sealer, FirehoseEngine firehose,
                  AnalyticsNode analytics, MetaStore analyticsStore, GlueCatalog glue, MetaStore glueStore) {
        this.objects = objects;
        this.sealer = sealer;
        this.firehose = firehose;
        this.analytics = analytics;
        this.analyticsStore = analyticsStore;
        this.glue = glue;
        this.glueStore = glueStore;
    }

    /** Where Firehose's S3 destinations write: the configured S3-compatible store, or the local directory. */
    static ReadableObjectStore objectStore(ServerConfig config) {
        return config.firehoseS3() == null
                ? new LocalDirectoryObjectStore(config.firehoseLocalDir())
                : S3ObjectStore.connect(config.firehoseS3());
    }

    /** The APIs, for the router (each is wrapped in the pipeline). */
    List<Api> apis() {
        return List.of(new FirehoseService(firehose), analytics.service(), new GlueService(glue, firehose.icebergCatalogs()));
    }

    /**
     * Where record format conversion reads Glue tables: this node's Glue Data Catalog. The delivery stream fills in
     * its own account and region where a SchemaConfiguration leaves CatalogId and Region out.
     */
    static TableSchemas tableSchemas(GlueCatalog glue) {
        return new GlueTableSchemas(glue, RequestContext.DEFAULT_ACCOUNT, RequestContext.DEFAULT_REGION);
    }

    /**
     * The delivery engine's settings, with Iceberg tables found in this node's Glue Data Catalog when no
     * {@code firehose.iceberg.catalog.*} names another catalog, as AWS finds them in Glue.
     */
    static FirehoseConfig firehoseConfig(ServerConfig config, GlueCatalog glue) {
        return config.firehose().withIcebergCatalogs(config.firehose().icebergCatalogs().withGlue(
                new GlueIcebergTables(glue, RequestContext.DEFAULT_ACCOUNT, RequestContext.DEFAULT_REGION)));
    }

    /** The analytics applications, for the console's preview of their streams. */
    AnalyticsNode analytics() {
        return analytics;
    }

    /** The delivery streams, for mappings' on-failure destinations. */
    FirehoseEngine firehose() {
        return firehose;
    }

    /** The store Firehose's S3 destinations write to, for mappings' on-failure destinations. */
    ReadableObjectStore objects() {
        return objects;
    }

    /**
     * Starts a task for every RUNNING application (delivery streams' workers started with their engine); called
     * once the task runner runs.
     */
    void resume() {
        analytics.resume();
    }

    /**
     * Stops the applications, then the delivery workers (each checkpointed): applications read streams and
     * delivery streams, and Firehose reads the Kinesis engine, so they close first.
     */
    @Override
    public void close() {
        analytics.close();
        if (analyticsStore != null) {
            analyticsStore.close();
        }
        firehose.close();
        objects.close();
        sealer.close();
        if (glueStore != null) {
            glueStore.close();
        }
    }
}
