package io.sluice.mappings.poll;

import io.sluice.mappings.filter.FilterPatterns;
import io.sluice.mappings.filter.InvalidFilterException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** FilterCriteria in Lambda's pattern language, on data as JSON and on metadata. */
class FilteringTest {

    @TempDir
    Path dir;
    private PollerFixture fx;

    @BeforeEach
    void open() throws IOException {
        fx = new PollerFixture(dir);
        fx.createStream(1);
        fx.filters = patterns -> {
            try {
                return FilterPatterns.compile(patterns);
            } catch (InvalidFilterException e) {
                throw new AssertionError(e);
            }
        };
    }

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void onlyRecordsMatchingAPatternOnDataOrMetadataReachTheFunction() {
        fx.put("a", "{\"order\":{\"type\":\"buy\"}}");
        fx.put("a", "{\"order\":{\"type\":\"sell\"}}");
        fx.put("vip", "{\"order\":{\"type\":\"sell\"}}");
        fx.put("a", "plain text");
        fx.put("a", "{\"order\":{\"type\":\"buy\",\"n\":2}}");
        fx.run(PollerFixture.settings().filters(List.of("{\"data\":{\"order\":{\"type\":[\"buy\"]}}}",
                "{\"kinesis\":{\"partitionKey\":[\"vip\"]}}")));

        fx.drain();

        assertThat(fx.function.events()).hasSize(1);
        assertThat(fx.function.deliveredData()).containsExactly("{\"order\":{\"type\":\"buy\"}}",
                "{\"order\":{\"type\":\"sell\"}}", "{\"order\":{\"type\":\"buy\",\"n\":2}}");
    }

    @Test
    void aBatchOfOnlyRejectedRecordsInvokesNothing() {
        fx.put("a", "{\"order\":{\"type\":\"sell\"}}");
        fx.run(PollerFixture.settings().filters(List.of("{\"data\":{\"order\":{\"type\":[\"buy\"]}}}")));

        fx.drain();

        assertThat(fx.function.invocations()).isZero();
        assertThat(fx.pollers.lastProcessingResult(PollerFixture.UUID)).isEqualTo("No records processed");
    }
}
