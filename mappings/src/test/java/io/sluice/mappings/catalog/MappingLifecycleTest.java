package io.sluice.mappings.catalog;

import io.sluice.common.ServiceException;
import io.sluice.mappings.EventSourceMapping;
import io.sluice.mappings.MappingState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.sluice.mappings.catalog.CatalogFixture.ACCOUNT;
import static io.sluice.mappings.catalog.CatalogFixture.OTHER_STREAM;
import static io.sluice.mappings.catalog.CatalogFixture.REGION;
import static io.sluice.mappings.catalog.CatalogFixture.STREAM;
import static io.sluice.mappings.catalog.CatalogFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappingLifecycleTest {

    private final CatalogFixture f = CatalogFixture.started();

    private EventSourceMapping get(String uuid) {
        return f.catalog.get(ACCOUNT, REGION, uuid);
    }

    @Test
    void aNewMappingIsCreatingUntilTheRuntimeRunsItThenEnabled() {
        EventSourceMapping created = f.catalog.create(ACCOUNT, REGION, MappingRequest.of("handler", STREAM,
                "LATEST"));

        assertThat(created.state()).isEqualTo(MappingState.CREATING);
        assertThat(created.stateTransitionReason()).isEqualTo("USER_INITIATED");
        assertThat(created.lastModifiedMillis()).isEqualTo(f.clock.millis());
        assertThat(get(created.uuid()).state()).isEqualTo(MappingState.CREATING);
        assertThat(f.runtime.running).as("the runtime is told just after the call").isEmpty();

        f.executor.runAll();

        assertThat(get(created.uuid()).state()).isEqualTo(MappingState.ENABLED);
        assertThat(f.runtime.callsFor(created.uuid())).containsExactly("run");
    }

    @Test
    void aMappingCreatedDisabledIsNeverRun() {
        EventSourceMapping created = f.catalog.create(ACCOUNT, REGION, new MappingRequest("handler", STREAM, false,
                null, null, "LATEST", null, null, null, null, null, null, null, null, null, null));
        f.executor.runAll();

        assertThat(get(created.uuid()).state()).isEqualTo(MappingState.DISABLED);
        assertThat(f.runtime.callsFor(created.uuid())).isEmpty();
    }

    @Test
    void aMappingInTransitionCannotBeUpdatedOrDeleted() {
        EventSourceMapping created = f.catalog.create(ACCOUNT, REGION, MappingRequest.of("handler", STREAM,
                "LATEST"));

        assertError(() -> f.catalog.update(ACCOUNT, REGION, created.uuid(), MappingChanges.batchSize(5)),
                "ResourceInUseException", "Cannot update the event source mapping because it is in use.");
        assertError(() -> f.catalog.delete(ACCOUNT, REGION, created.uuid()), "ResourceInUseException",
                "Cannot delete the event source mapping because it is in use.");
        f.executor.runAll();
        assertThat(f.catalog.update(ACCOUNT, REGION, created.uuid(), MappingChanges.batchSize(5)).state())
                .isEqualTo(MappingState.UPDATING);
    }

    @Test
    void anUpdatePassesThroughUpdatingAndRestartsTheRuntimeWithTheNewSettings() {
        EventSourceMapping m = f.created("handler", STREAM);
        f.clock.advance(Duration.ofMinutes(5));

        EventSourceMapping updating = f.catalog.update(ACCOUNT, REGION, m.uuid(), MappingChanges.batchSize(500));

        assertThat(updating.state()).isEqualTo(MappingState.UPDATING);
        assertThat(updating.lastModifiedMillis()).isEqualTo(f.clock.millis());
        f.executor.runAll();
        EventSourceMapping done = get(m.uuid());
        assertThat(done.state()).isEqualTo(MappingState.ENABLED);
        assertThat(done.settings().batchSize()).isEqualTo(500);
        assertThat(f.runtime.running.get(m.uuid()).settings().batchSize()).isEqualTo(500);
        assertThat(f.runtime.callsFor(m.uuid())).containsExactly("run", "run");
    }

    @Test
    void disablingAndEnablingPassThroughTheirOwnStatesAndStopAndRunTheRuntime() {
        EventSourceMapping m = f.created("handler", STREAM);

        assertThat(f.catalog.update(ACCOUNT, REGION, m.uuid(), MappingChanges.enabled(false)).state())
                .isEqualTo(MappingState.DISABLING);
        f.executor.runAll();
        assertThat(get(m.uuid()).state()).isEqualTo(MappingState.DISABLED);
        assertThat(f.runtime.running).doesNotContainKey(m.uuid());

        assertThat(f.catalog.update(ACCOUNT, REGION, m.uuid(), MappingChanges.enabled(true)).state())
                .isEqualTo(MappingState.ENABLING);
        f.executor.runAll();
        assertThat(get(m.uuid()).state()).isEqualTo(MappingState.ENABLED);
        assertThat(f.runtime.callsFor(m.uuid())).containsExactly("run", "stop", "run");
    }

    @Test
    void aDeletedMappingIsDeletingThenGoneWithItsCheckpointsForgotten() {
        EventSourceMapping m = f.created("handler", STREAM);

        EventSourceMapping deleting = f.catalog.delete(ACCOUNT, REGION, m.uuid());

        assertThat(deleting.state()).isEqualTo(MappingState.DELETING);
        assertThat(get(m.uuid()).state()).isEqualTo(MappingState.DELETING);
        f.executor.runAll();
        assertError(() -> get(m.uuid()), "ResourceNotFoundException", "The resource you requested does not exist.");
        List<String> calls = f.runtime.callsFor(m.uuid());
        assertThat(calls).startsWith("run", "stop").endsWith("forget");
        assertThat(f.runtime.running).isEmpty();
    }

    @Test
    void anUnknownMappingOrOneOfAnotherAccountIsNotFoundWith404() {
        EventSourceMapping m = f.created("handler", STREAM);

        assertError(() -> get("00000000-0000-0000-0000-000000000000"), "ResourceNotFoundException", "");
        assertError(() -> f.catalog.get("210987654321", REGION, m.uuid()), "ResourceNotFoundException", "");
        assertError(() -> f.catalog.update(ACCOUNT, "eu-west-1", m.uuid(), MappingChanges.batchSize(5)),
                "ResourceNotFoundException", "");
        assertError(() -> f.catalog.delete(ACCOUNT, REGION, "nope"), "ResourceNotFoundException", "");
        assertThatThrownBy(() -> get("nope")).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.type().httpStatus()).isEqualTo(404));
    }

    @Test
    void theSameFunctionAndSourceTwiceIsAConflictNamingTheExistingMapping() {
        EventSourceMapping first = f.created("handler", STREAM);

        assertError(() -> f.catalog.create(ACCOUNT, REGION, MappingRequest.of("handler", STREAM, "TRIM_HORIZON")),
                "ResourceConflictException", "The event source arn (\" " + STREAM + " \") and function (\" handler"
                        + " \") provided mapping already exists. Please update or delete the existing mapping with"
                        + " UUID " + first.uuid());
        assertError(() -> f.catalog.create(ACCOUNT, REGION, MappingRequest.of(first.functionArn(), STREAM,
                "LATEST")), "ResourceConflictException", first.uuid());

        EventSourceMapping otherSource = f.created("handler", OTHER_STREAM);
        EventSourceMapping otherFunction = f.created("other", STREAM);
        assertThat(otherSource.uuid()).isNotEqualTo(otherFunction.uuid());
        assertError(() -> f.catalog.update(ACCOUNT, REGION, otherFunction.uuid(), new MappingChanges("handler",
                null, null, null, null, null, null, null, null, null, null, null)), "ResourceConflictException",
                first.uuid());

        f.catalog.delete(ACCOUNT, REGION, first.uuid());
        f.executor.runAll();
        assertThat(f.created("handler", STREAM).state()).isEqualTo(MappingState.ENABLED);
    }

    @Test
    void anUpdateCanMoveTheMappingToAnotherFunctionAndClearFiltersAndDestination() {
        EventSourceMapping m = f.catalog.create(ACCOUNT, REGION, new MappingRequest("handler", STREAM, null, null,
                null, "LATEST", null, null, null, null, null, List.of("ReportBatchItemFailures"), null,
                List.of("{\"partitionKey\":[\"a\"]}"), "arn:aws:s3:::failures", null));
        f.executor.runAll();

        f.catalog.update(ACCOUNT, REGION, m.uuid(), new MappingChanges("moved:live", null, null, null, null, true,
                null, null, List.of(), null, List.of(), ""));
        f.executor.runAll();

        EventSourceMapping updated = get(m.uuid());
        assertThat(updated.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:moved:live");
        assertThat(updated.settings().filterPatterns()).isEmpty();
        assertThat(updated.settings().onFailureDestination()).isNull();
        assertThat(updated.settings().reportBatchItemFailures()).isFalse();
        assertThat(updated.settings().bisectBatchOnFunctionError()).isTrue();
        assertThat(updated.settings().startingPosition()).isEqualTo(m.settings().startingPosition());
        assertThat(f.runtime.running.get(m.uuid()).functionArn()).isEqualTo(updated.functionArn());
    }
}
