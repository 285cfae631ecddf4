package io.sluice.mappings.catalog;

import io.sluice.engine.store.LocalMetaStore;
import io.sluice.mappings.EventSourceMapping;
import io.sluice.mappings.MappingState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static io.sluice.mappings.catalog.CatalogFixture.ACCOUNT;
import static io.sluice.mappings.catalog.CatalogFixture.OTHER_STREAM;
import static io.sluice.mappings.catalog.CatalogFixture.REGION;
import static io.sluice.mappings.catalog.CatalogFixture.STREAM;
import static org.assertj.core.api.Assertions.assertThat;

class MappingPersistenceTest {

    @TempDir
    Path dir;

    @Test
    void mappingsSurviveAReopenAndOnlyEnabledOnesRunAtResume() throws IOException {
        EventSourceMapping enabled;
        EventSourceMapping disabled;
        try (LocalMetaStore store = LocalMetaStore.open(dir)) {
            CatalogFixture f = new CatalogFixture(store);
            f.catalog.resume();
            enabled = f.created("handler", STREAM);
            f.catalog.update(ACCOUNT, REGION, enabled.uuid(), MappingChanges.batchSize(42));
            f.executor.runAll();
            f.catalog.tag(ACCOUNT, REGION, enabled.arn(), Map.of("team", "orders"));
            disabled = f.created("other", OTHER_STREAM);
            f.catalog.update(ACCOUNT, REGION, disabled.uuid(), MappingChanges.enabled(false));
            f.executor.runAll();
            enabled = f.catalog.get(ACCOUNT, REGION, enabled.uuid());
            disabled = f.catalog.get(ACCOUNT, REGION, disabled.uuid());
        }

        try (LocalMetaStore store = LocalMetaStore.open(dir)) {
            CatalogFixture reopened = new CatalogFixture(store);
            assertThat(reopened.catalog.get(ACCOUNT, REGION, enabled.uuid())).isEqualTo(enabled);
            assertThat(reopened.catalog.get(ACCOUNT, REGION, disabled.uuid())).isEqualTo(disabled);
            assertThat(enabled.settings().batchSize()).isEqualTo(42);
            assertThat(enabled.tags()).containsEntry("team", "orders");
            assertThat(reopened.runtime.calls).as("nothing runs before resume").isEmpty();

            reopened.catalog.resume();
            reopened.executor.runAll();

            assertThat(reopened.runtime.running.keySet()).containsExactly(enabled.uuid());
        }
    }

    @Test
    void resumeFinishesTransitionsACrashLeftBehind() throws IOException {
        EventSourceMapping creating;
        EventSourceMapping deleting;
        try (LocalMetaStore store = LocalMetaStore.open(dir)) {
            CatalogFixture f = new CatalogFixture(store);
            f.catalog.resume();
            deleting = f.created("gone", STREAM);
            f.catalog.delete(ACCOUNT, REGION, deleting.uuid());
            creating = f.catalog.create(ACCOUNT, REGION, MappingRequest.of("handler", OTHER_STREAM, "LATEST"));
            f.executor.drop();
        }

        try (LocalMetaStore store = LocalMetaStore.open(dir)) {
            CatalogFixture reopened = new CatalogFixture(store);
            assertThat(reopened.catalog.get(ACCOUNT, REGION, creating.uuid()).state())
                    .isEqualTo(MappingState.CREATING);

            reopened.catalog.resume();
            reopened.executor.runAll();

            assertThat(reopened.catalog.get(ACCOUNT, REGION, creating.uuid()).state())
                    .isEqualTo(MappingState.ENABLED);
            assertThat(reopened.catalog.list(ACCOUNT, REGION, null, null, null, null).mappings())
                    .extracting(EventSourceMapping::uuid).containsExactly(creating.uuid());
            assertThat(reopened.runtime.callsFor(deleting.uuid())).containsExactly("stop", "forget");
            assertThat(reopened.runtime.running.keySet()).containsExactly(creating.uuid());
        }
    }
}
