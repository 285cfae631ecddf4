package io.sluice.mappings.catalog;

import io.sluice.mappings.EventSourceMapping;
import io.sluice.mappings.MappingSettings;
import io.sluice.mappings.StartingPosition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.sluice.mappings.catalog.CatalogFixture.ACCOUNT;
import static io.sluice.mappings.catalog.CatalogFixture.CONSUMER;
import static io.sluice.mappings.catalog.CatalogFixture.FUNCTION_ARN;
import static io.sluice.mappings.catalog.CatalogFixture.REGION;
import static io.sluice.mappings.catalog.CatalogFixture.STREAM;
import static io.sluice.mappings.catalog.CatalogFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;

class MappingValidationTest {

    private static final String VALIDATION = "ValidationException";
    private static final String INVALID = "InvalidParameterValueException";

    private final CatalogFixture f = CatalogFixture.started();

    /** A request with every optional parameter null except those given through the builder-like helpers. */
    private static MappingRequest request(Integer batch, Integer window, String position, Instant timestamp,
                                          Integer parallelization, Integer retries, Integer age,
                                          List<String> responseTypes, Integer tumbling, List<String> filters,
                                          String destination) {
        return new MappingRequest("handler", STREAM, null, batch, window, position, timestamp, parallelization,
                null, retries, age, responseTypes, tumbling, filters, destination, null);
    }

    private static MappingRequest withBatch(Integer batch) {
        return request(batch, null, "LATEST", null, null, null, null, null, null, null, null);
    }

    private EventSourceMapping create(MappingRequest request) {
        return f.catalog.create(ACCOUNT, REGION, request);
    }

    @Test
    void parametersNotGivenTakeLambdasDefaults() {
        MappingSettings s = create(MappingRequest.of("handler", STREAM, "TRIM_HORIZON")).settings();

        assertThat(s).isEqualTo(new MappingSettings(100, 0, StartingPosition.TRIM_HORIZON, null, 1, false, -1, -1,
                false, 0, List.of(), null, true));
    }

    @Test
    void batchSizeMustBeFrom1To10000() {
        assertError(() -> create(withBatch(0)), VALIDATION, "1 validation error detected: Value '0' at"
                + " 'batchSize' failed to satisfy constraint: Member must have value greater than or equal to 1");
        assertError(() -> create(withBatch(10_001)), VALIDATION,
                "Member must have value less than or equal to 10000");
        assertThat(create(withBatch(10_000)).settings().batchSize()).isEqualTo(10_000);
    }

    @Test
    void batchingWindowMustBeFrom0To300Seconds() {
        assertError(() -> create(request(null, 301, "LATEST", null, null, null, null, null, null, null, null)),
                VALIDATION, "at 'maximumBatchingWindowInSeconds'");
        assertError(() -> create(request(null, -1, "LATEST", null, null, null, null, null, null, null, null)),
                VALIDATION, "greater than or equal to 0");
        assertThat(create(request(500, 300, "LATEST", null, null, null, null, null, null, null, null)).settings()
                .maximumBatchingWindowSeconds()).isEqualTo(300);
    }

    @Test
    void startingPositionIsRequiredAndAtTimestampNeedsATimestamp() {
        assertError(() -> create(request(null, null, null, null, null, null, null, null, null, null, null)),
                INVALID, "Value null at 'startingPosition' failed to satisfy constraint: Member must not be null");
        assertError(() -> create(request(null, null, "OLDEST", null, null, null, null, null, null, null, null)),
                VALIDATION, "Value 'OLDEST' at 'startingPosition' failed to satisfy constraint: Member must"
                        + " satisfy enum value set: [TRIM_HORIZON, LATEST, AT_TIMESTAMP]");
        assertError(() -> create(request(null, null, "AT_TIMESTAMP", null, null, null, null, null, null, null,
                null)), INVALID, "Need to specify a timestamp");

        Instant at = Instant.ofEpochMilli(1_699_000_000_500L);
        MappingSettings s = create(request(null, null, "AT_TIMESTAMP", at, null, null, null, null, null, null,
                null)).settings();
        assertThat(s.startingPosition()).isEqualTo(StartingPosition.AT_TIMESTAMP);
        assertThat(s.startingPositionTimestampMillis()).isEqualTo(1_699_000_000_500L);
    }

    @Test
    void parallelizationFactorMustBeFrom1To10() {
        assertError(() -> create(request(null, null, "LATEST", null, 0, null, null, null, null, null, null)),
                VALIDATION, "at 'parallelizationFactor'");
        assertError(() -> create(request(null, null, "LATEST", null, 11, null, null, null, null, null, null)),
                VALIDATION, "less than or equal to 10");
        assertThat(create(request(null, null, "LATEST", null, 10, null, null, null, null, null, null)).settings()
                .parallelizationFactor()).isEqualTo(10);
    }

    @Test
    void retryAttemptsMustBeMinus1To10000() {
        assertError(() -> create(request(null, null, "LATEST", null, null, -2, null, null, null, null, null)),
                VALIDATION, "at 'maximumRetryAttempts'");
        assertError(() -> create(request(null, null, "LATEST", null, null, 10_001, null, null, null, null, null)),
                VALIDATION, "less than or equal to 10000");
        assertThat(create(request(null, null, "LATEST", null, null, 0, null, null, null, null, null)).settings()
                .maximumRetryAttempts()).isZero();
    }

    @Test
    void recordAgeMustBeMinus1OrFrom60To604800Seconds() {
        assertError(() -> create(request(null, null, "LATEST", null, null, null, 604_801, null, null, null, null)),
                VALIDATION, "at 'maximumRecordAgeInSeconds'");
        assertError(() -> create(request(null, null, "LATEST", null, null, null, 59, null, null, null, null)),
                INVALID, "MaximumRecordAgeInSeconds must be -1");
        assertError(() -> create(request(null, null, "LATEST", null, null, null, 0, null, null, null, null)),
                INVALID, "MaximumRecordAgeInSeconds");
        assertThat(create(request(null, null, "LATEST", null, null, null, 60, null, null, null, null)).settings()
                .maximumRecordAgeSeconds()).isEqualTo(60);
    }

    @Test
    void tumblingWindowMustBeFrom0To900Seconds() {
        assertError(() -> create(request(null, null, "LATEST", null, null, null, null, null, 901, null, null)),
                VALIDATION, "at 'tumblingWindowInSeconds'");
        assertThat(create(request(null, null, "LATEST", null, null, null, null, null, 900, null, null)).settings()
                .tumblingWindowSeconds()).isEqualTo(900);
    }

    @Test
    void functionResponseTypesMayOnlyHoldReportBatchItemFailures() {
        assertError(() -> create(request(null, null, "LATEST", null, null, null, null, List.of("Other"), null,
                null, null)), VALIDATION, "Member must satisfy enum value set: [ReportBatchItemFailures]");
        assertThat(create(request(null, null, "LATEST", null, null, null, null,
                List.of("ReportBatchItemFailures"), null, null, null)).settings().reportBatchItemFailures())
                .isTrue();
    }

    @Test
    void filterCriteriaHoldsAtMostFivePatternsEachAJsonObject() {
        assertError(() -> create(request(null, null, "LATEST", null, null, null, null, null, null,
                List.of("[1]"), null)), INVALID, "Invalid filter pattern definition.");
        assertError(() -> create(request(null, null, "LATEST", null, null, null, null, null, null,
                List.of("{\"data\":"), null)), INVALID, "Invalid filter pattern definition.");
        assertError(() -> create(request(null, null, "LATEST", null, null, null, null, null, null,
                List.of("{\"partitionKey\":[{\"wildcard\":\"a*\"}]}"), null)), INVALID,
                "Invalid filter pattern definition.");
        assertError(() -> create(request(null, null, "LATEST", null, null, null, null, null, null,
                Collections.nCopies(6, "{}"), null)), INVALID, "more than the maximum of 5");
        assertError(() -> create(request(null, null, "LATEST", null, null, null, null, null, null,
                List.of("{\"a\":\"" + "x".repeat(4096) + "\"}"), null)), VALIDATION,
                "at 'filterCriteria.filters.1.member.pattern'");

        List<String> patterns = List.of("{\"data\":{\"kind\":[\"order\"]}}", "{\"partitionKey\":[\"a\"]}");
        assertThat(create(request(null, null, "LATEST", null, null, null, null, null, null, patterns, null))
                .settings().filterPatterns()).isEqualTo(patterns);
    }

    @Test
    void onFailureDestinationMustBeAStreamDeliveryStreamOrBucket() {
        assertError(() -> create(request(null, null, "LATEST", null, null, null, null, null, null, null,
                "arn:aws:sqs:us-east-1:123456789012:dlq")), INVALID, "is invalid");
        for (String destination : List.of("arn:aws:kinesis:us-east-1:123456789012:stream/failures",
                "arn:aws:firehose:us-east-1:123456789012:deliverystream/failures", "arn:aws:s3:::failed-batches")) {
            f.catalog.list(ACCOUNT, REGION, null, STREAM, null, null).mappings()
                    .forEach(m -> f.catalog.delete(ACCOUNT, REGION, m.uuid()));
            f.executor.runAll();
            assertThat(create(request(null, null, "LATEST", null, null, null, null, null, null, null, destination))
                    .settings().onFailureDestination()).isEqualTo(destination);
            f.executor.runAll();
        }
        assertThat(create(new MappingRequest("other", STREAM, null, null, null, "LATEST", null, null, null, null,
                null, null, null, null, "", null)).settings().onFailureDestination()).isNull();
    }

    @Test
    void eventSourceMustBeAnExistingStreamOrConsumerOfTheCallersAccount() {
        assertError(() -> create(MappingRequest.of("handler", null, "LATEST")), INVALID,
                "Unrecognized event source.");
        assertError(() -> create(MappingRequest.of("handler", "not-an-arn", "LATEST")), VALIDATION,
                "at 'eventSourceArn'");
        assertError(() -> create(MappingRequest.of("handler", "arn:aws:sqs:us-east-1:123456789012:q", "LATEST")),
                INVALID, "Unrecognized event source");
        String missing = "arn:aws:kinesis:us-east-1:123456789012:stream/missing";
        assertError(() -> create(MappingRequest.of("handler", missing, "LATEST")), INVALID,
                "Cannot access stream " + missing);
        assertError(() -> f.catalog.create("210987654321", REGION, MappingRequest.of("handler", STREAM, "LATEST")),
                INVALID, "Cannot access stream");

        assertThat(create(MappingRequest.of("handler", CONSUMER, "LATEST")).eventSourceArn()).isEqualTo(CONSUMER);
    }

    @Test
    void functionNamesAreExpandedToArnsAndUrlsKeptAsGiven() {
        assertThat(create(MappingRequest.of("handler", STREAM, "LATEST")).functionArn()).isEqualTo(FUNCTION_ARN);
        assertThat(create(MappingRequest.of("handler:live", STREAM, "LATEST")).functionArn())
                .isEqualTo(FUNCTION_ARN + ":live");
        assertThat(create(MappingRequest.of("123456789012:function:partial", STREAM, "LATEST")).functionArn())
                .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:partial");
        String full = "arn:aws:lambda:eu-west-1:123456789012:function:full:7";
        assertThat(create(MappingRequest.of(full, STREAM, "LATEST")).functionArn()).isEqualTo(full);
        String url = "http://localhost:3001/2015-03-31/functions/handler/invocations";
        assertThat(create(MappingRequest.of(url, STREAM, "LATEST")).functionArn()).isEqualTo(url);

        assertError(() -> create(MappingRequest.of("bad name", STREAM, "LATEST")), VALIDATION,
                "at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern");
        assertError(() -> create(MappingRequest.of(null, STREAM, "LATEST")), VALIDATION,
                "Value null at 'functionName'");
        assertError(() -> create(MappingRequest.of("f".repeat(257), STREAM, "LATEST")), VALIDATION,
                "less than or equal to 256");
    }

    @Test
    void everyModelViolationIsReportedTogether() {
        assertError(() -> create(request(0, 301, "LATEST", null, 11, null, null, null, null, null, null)),
                VALIDATION, "3 validation errors detected: Value '0' at 'batchSize'");
    }

    @Test
    void tagsAtCreateFollowLambdasTagRules() {
        assertError(() -> create(new MappingRequest("handler", STREAM, null, null, null, "LATEST", null, null, null,
                null, null, null, null, null, null, Map.of("aws:reserved", "x"))), INVALID, "reserved");
        assertThat(create(new MappingRequest("handler", STREAM, null, null, null, "LATEST", null, null, null, null,
                null, null, null, null, null, Map.of("team", "orders"))).tags()).containsEntry("team", "orders");
    }

    @Test
    void updatesAreCheckedByTheSameRules() {
        EventSourceMapping m = f.created("handler", STREAM);
        MappingChanges tooYoung = new MappingChanges(null, null, null, null, null, null, null, 30, null, null, null,
                null);
        assertError(() -> f.catalog.update(ACCOUNT, REGION, m.uuid(), tooYoung), INVALID,
                "MaximumRecordAgeInSeconds");
        assertError(() -> f.catalog.update(ACCOUNT, REGION, m.uuid(), MappingChanges.batchSize(0)), VALIDATION,
                "at 'batchSize'");
        assertThat(f.catalog.get(ACCOUNT, REGION, m.uuid()).settings()).isEqualTo(m.settings());
    }
}
