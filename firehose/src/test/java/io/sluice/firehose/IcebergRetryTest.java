package io.sluice.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.IcebergDestination;
import io.sluice.firehose.config.IcebergDestination.IcebergCatalog;
import io.sluice.firehose.config.IcebergDestination.IcebergTable;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import io.sluice.firehose.delivery.iceberg.IcebergCatalogs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An Iceberg destination whose catalog cannot be reached: retried for RetryOptions, then sent to iceberg-failed. */
class IcebergRetryTest {

    @TempDir
    Path dir;
    private FirehoseEngine engine;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void anUnreachableCatalogIsRetriedForTheRetryDurationThenTheRecordsGoToTheErrorOutput() throws Exception {
        Fixture fx = new Fixture(dir, new LocalDirectoryObjectStore(dir.resolve("objects")), DeliveryObserver.NONE);
        fx.engine.close();
        engine = new FirehoseEngine(Fixture.config(dir).withIcebergCatalogs(
                new IcebergCatalogs(Map.of("catalog-impl", "org.example.NoSuchCatalog"))), fx.clock, null,
                new LocalDirectoryObjectStore(dir.resolve("objects")), new DeliveryObserver() {
                    @Override
                    public void deliveryFailed(String stream, Target target) {
                        failures.add(target.metricPrefix());
                    }
                });
        fx.engine = engine;
        fx.create("ice", new IcebergDestination("arn:aws:iam::000000000000:role/firehose",
                new IcebergCatalog("arn:aws:glue:us-east-1:000000000000:catalog", null),
                List.of(new IcebergTable("db", "events", null, null, null)), new BufferingHints(1, 0), null, null,
                false, 10, Fixture.s3("bucket", "", new BufferingHints(1, 0), null), false, false, false));
        fx.put("ice", "{\"id\":1}");

        for (int i = 0; i < 6; i++) {
            engine.runOnce();
            fx.advance(Duration.ofSeconds(3));
        }

        assertThat(failures).hasSizeGreaterThan(2).containsOnly("DeliveryToIceberg");
        var errors = fx.objects("bucket");
        assertThat(errors).hasSize(1);
        assertThat(errors.keySet().iterator().next()).startsWith("iceberg-failed/2023/11/14/22/ice-1-");
        JsonNode record = new ObjectMapper().readTree(errors.values().iterator().next());
        assertThat(record.get("errorCode").asText()).isEqualTo("Iceberg.CatalogUnavailable");
        assertThat(new String(Base64.getDecoder().decode(record.get("rawData").asText()))).isEqualTo("{\"id\":1}");
    }
}
