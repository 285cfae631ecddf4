package io.sluice.glue;

import io.sluice.common.ErrorType;
import io.sluice.common.ManualClock;
import io.sluice.common.ServiceException;
import io.sluice.engine.store.SharedInMemoryCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.sluice.glue.GlueCatalogTest.CATALOG;
import static io.sluice.glue.GlueCatalogTest.table;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes' catalogues on one shared metadata store (in memory, each node's view lagging as a Kafka cluster's
 * does). Seeded; the seed is printed.
 */
class GlueCatalogAcrossNodesTest {

    private final ManualClock clock = new ManualClock(1_765_000_000_000L);
    private SharedInMemoryCluster cluster;
    private GlueCatalog nodeA;
    private GlueCatalog nodeB;

    @BeforeEach
    void open() {
        long seed = System.nanoTime();
        System.out.println("GlueCatalogAcrossNodesTest seed " + seed);
        cluster = new SharedInMemoryCluster(clock, seed, SharedInMemoryCluster.Lag.SOME);
        nodeA = new GlueCatalog(cluster.node().metadata(), clock);
        nodeB = new GlueCatalog(cluster.node().metadata(), clock);
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void aTableCreatedOnOneNodeIsReadOnTheOtherAtOnce() {
        nodeA.createDatabase(CATALOG, new DatabaseInput("d", null, null, null), null);
        Table created = nodeA.createTable(CATALOG, "d", table("t", "a", "int"));
        assertThat(nodeB.getTable(CATALOG, "d", "t")).isEqualTo(created);
        Table updated = nodeB.updateTable(CATALOG, "d", table("t", "a", "int", "b", "string"), false, "0");
        assertThat(nodeA.versions().get(CATALOG, "d", "t", "1")).isEqualTo(updated);
    }

    @Test
    void racingCreatesGiveOneSuccessAndOneAlreadyExists() {
        nodeA.createDatabase(CATALOG, new DatabaseInput("d", null, null, null), null);
        nodeB.getDatabase(CATALOG, "d");
        for (int round = 0; round < 10; round++) {
            String name = "t" + round;
            List<Object> outcomes = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Void> a = CompletableFuture.runAsync(() -> outcomes.add(attempt(nodeA, name)));
            CompletableFuture<Void> b = CompletableFuture.runAsync(() -> outcomes.add(attempt(nodeB, name)));
            CompletableFuture.allOf(a, b).join();
            assertThat(outcomes).containsExactlyInAnyOrder("created", ErrorType.ALREADY_EXISTS);
        }
    }

    @Test
    void racingUpdatesEachMakeTheirOwnVersion() {
        nodeA.createDatabase(CATALOG, new DatabaseInput("d", null, null, null), null);
        nodeA.createTable(CATALOG, "d", table("t"));
        nodeB.getTable(CATALOG, "d", "t");
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 5; i++) {
                nodeA.updateTable(CATALOG, "d", table("t", "a" + i, "int"), false, null);
            }
        });
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 5; i++) {
                nodeB.updateTable(CATALOG, "d", table("t", "b" + i, "int"), false, null);
            }
        });
        CompletableFuture.allOf(a, b).join();
        // lookups and listings catch up with the other node's changes first
        assertThat(nodeA.versions().get(CATALOG, "d", "t", "10").versionId()).isEqualTo("10");
        assertThat(nodeA.versions().list(CATALOG, "d", "t", null, 100).items()).extracting(Table::versionId)
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
        assertThat(nodeB.getTable(CATALOG, "d", "t").versionId()).isEqualTo("10");
    }

    private static Object attempt(GlueCatalog node, String name) {
        try {
            node.createTable(CATALOG, "d", table(name));
            return "created";
        } catch (ServiceException e) {
            return e.type();
        }
    }
}
