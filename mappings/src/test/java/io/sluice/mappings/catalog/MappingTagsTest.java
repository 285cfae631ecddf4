package io.sluice.mappings.catalog;

import io.sluice.mappings.EventSourceMapping;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.sluice.mappings.catalog.CatalogFixture.ACCOUNT;
import static io.sluice.mappings.catalog.CatalogFixture.REGION;
import static io.sluice.mappings.catalog.CatalogFixture.STREAM;
import static io.sluice.mappings.catalog.CatalogFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;

class MappingTagsTest {

    private final CatalogFixture f = CatalogFixture.started();

    @Test
    void tagsAreSetListedAndRemovedByTheMappingsArn() {
        EventSourceMapping m = f.created("handler", STREAM);
        assertThat(m.arn()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:event-source-mapping:" + m.uuid());

        f.catalog.tag(ACCOUNT, REGION, m.arn(), Map.of("team", "orders", "env", "test"));
        f.catalog.tag(ACCOUNT, REGION, m.arn(), Map.of("env", "prod"));
        assertThat(f.catalog.tags(ACCOUNT, REGION, m.arn())).isEqualTo(Map.of("team", "orders", "env", "prod"));

        f.catalog.untag(ACCOUNT, REGION, m.arn(), List.of("team", "absent"));
        assertThat(f.catalog.tags(ACCOUNT, REGION, m.arn())).isEqualTo(Map.of("env", "prod"));
        assertThat(f.catalog.get(ACCOUNT, REGION, m.uuid()).tags()).isEqualTo(Map.of("env", "prod"));
    }

    @Test
    void taggingNeitherRestartsTheRuntimeNorChangesTheState() {
        EventSourceMapping m = f.created("handler", STREAM);

        f.catalog.tag(ACCOUNT, REGION, m.arn(), Map.of("team", "orders"));

        assertThat(f.runtime.callsFor(m.uuid())).containsExactly("run");
        EventSourceMapping tagged = f.catalog.get(ACCOUNT, REGION, m.uuid());
        assertThat(tagged.state()).isEqualTo(m.state());
        assertThat(tagged.lastModifiedMillis()).isEqualTo(m.lastModifiedMillis());
    }

    @Test
    void anArnOfNoMappingOfTheCallerIsNotFound() {
        EventSourceMapping m = f.created("handler", STREAM);

        assertError(() -> f.catalog.tags(ACCOUNT, REGION,
                "arn:aws:lambda:us-east-1:123456789012:event-source-mapping:00000000-0000-0000-0000-000000000000"),
                "ResourceNotFoundException", "does not exist");
        assertError(() -> f.catalog.tag("210987654321", REGION, m.arn(), Map.of("a", "b")),
                "ResourceNotFoundException", "does not exist");
        assertError(() -> f.catalog.untag(ACCOUNT, REGION, "arn:aws:lambda:us-east-1:123456789012:function:handler",
                List.of("a")), "ResourceNotFoundException", "does not exist");
    }

    @Test
    void tagsFollowLambdasLimits() {
        EventSourceMapping m = f.created("handler", STREAM);
        Map<String, String> fifty = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            fifty.put("k" + i, "v");
        }
        f.catalog.tag(ACCOUNT, REGION, m.arn(), fifty);

        assertError(() -> f.catalog.tag(ACCOUNT, REGION, m.arn(), Map.of("one-more", "v")),
                "InvalidParameterValueException", "at most 50 tags");
        assertError(() -> f.catalog.tag(ACCOUNT, REGION, m.arn(), Map.of("k".repeat(129), "v")),
                "InvalidParameterValueException", "1 to 128 characters");
        assertError(() -> f.catalog.tag(ACCOUNT, REGION, m.arn(), Map.of("k0", "v".repeat(257))),
                "InvalidParameterValueException", "at most 256 characters");
        assertError(() -> f.catalog.tag(ACCOUNT, REGION, m.arn(), Map.of("aws:x", "v")),
                "InvalidParameterValueException", "reserved");
        assertThat(f.catalog.tags(ACCOUNT, REGION, m.arn())).isEqualTo(fifty);
    }
}
