package io.sluice.mappings.catalog;

import io.sluice.common.ServiceException;
import io.sluice.mappings.EventSourceMapping;
import io.sluice.mappings.MappingState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.sluice.mappings.catalog.CatalogFixture.ACCOUNT;
import static io.sluice.mappings.catalog.CatalogFixture.REGION;
import static io.sluice.mappings.catalog.CatalogFixture.STREAM;
import static org.assertj.core.api.Assertions.assertThat;

/** Two nodes' catalogues on one shared metadata log. */
class MappingCrossNodeTest {

    private final SharedMetaLog log = new SharedMetaLog();
    private final CatalogFixture a = new CatalogFixture(log.node());
    private final CatalogFixture b = new CatalogFixture(log.node());

    {
        a.catalog.resume();
        b.catalog.resume();
    }

    @Test
    void twoNodesRacingToCreateTheSameMappingGiveOneMappingAndOneConflict() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String function = "racer-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<EventSourceMapping>> results = new ArrayList<>();
                for (CatalogFixture node : List.of(a, b)) {
                    results.add(threads.submit(() -> {
                        start.await();
                        return node.catalog.create(ACCOUNT, REGION, MappingRequest.of(function, STREAM, "LATEST"));
                    }));
                }
                start.countDown();

                List<EventSourceMapping> created = new ArrayList<>();
                List<String> errors = new ArrayList<>();
                for (Future<EventSourceMapping> result : results) {
                    try {
                        created.add(result.get());
                    } catch (java.util.concurrent.ExecutionException e) {
                        errors.add(((ServiceException) e.getCause()).type().awsName());
                    }
                }
                assertThat(created).as("round %d", round).hasSize(1);
                assertThat(errors).as("round %d", round).containsExactly("ResourceConflictException");
                assertThat(b.catalog.list(ACCOUNT, REGION, function, STREAM, null, null).mappings())
                        .extracting(EventSourceMapping::uuid).containsExactly(created.get(0).uuid());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aMappingCreatedOnOneNodeIsFoundOnTheOtherWhichRunsItToo() {
        EventSourceMapping m = a.created("handler", STREAM);

        assertThat(b.catalog.get(ACCOUNT, REGION, m.uuid())).isEqualTo(m);
        b.executor.runAll();
        assertThat(b.runtime.running).containsKey(m.uuid());
        assertThat(m.state()).isEqualTo(MappingState.ENABLED);
    }

    @Test
    void changesMadeOnOneNodeReachTheOthersRuntime() {
        EventSourceMapping m = a.created("handler", STREAM);
        b.catalog.get(ACCOUNT, REGION, m.uuid());

        b.catalog.update(ACCOUNT, REGION, m.uuid(), MappingChanges.batchSize(7));
        b.executor.runAll();
        a.catalog.list(ACCOUNT, REGION, null, null, null, null);
        a.executor.runAll();
        assertThat(a.runtime.running.get(m.uuid()).settings().batchSize()).isEqualTo(7);
        assertThat(a.catalog.get(ACCOUNT, REGION, m.uuid()).state()).isEqualTo(MappingState.ENABLED);

        b.catalog.delete(ACCOUNT, REGION, m.uuid());
        b.executor.runAll();
        a.catalog.list(ACCOUNT, REGION, null, null, null, null);
        a.executor.runAll();
        assertThat(a.runtime.running).doesNotContainKey(m.uuid());
        assertThat(a.runtime.callsFor(m.uuid())).containsExactly("run", "run", "stop");
        assertThat(b.runtime.callsFor(m.uuid())).endsWith("forget");
    }

    @Test
    void aNodeWhoseViewLagsAnswersFromTheCommittedState() {
        EventSourceMapping creating = a.catalog.create(ACCOUNT, REGION, MappingRequest.of("handler", STREAM,
                "LATEST"));

        CatalogFixture.assertError(() -> b.catalog.update(ACCOUNT, REGION, creating.uuid(),
                MappingChanges.batchSize(5)), "ResourceInUseException", "in use");
        a.executor.runAll();
        assertThat(b.catalog.update(ACCOUNT, REGION, creating.uuid(), MappingChanges.batchSize(5)).state())
                .isEqualTo(MappingState.UPDATING);
    }
}
