package io.sluice.mappings.catalog;

import io.sluice.mappings.EventSourceMapping;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.sluice.mappings.catalog.CatalogFixture.ACCOUNT;
import static io.sluice.mappings.catalog.CatalogFixture.OTHER_STREAM;
import static io.sluice.mappings.catalog.CatalogFixture.REGION;
import static io.sluice.mappings.catalog.CatalogFixture.STREAM;
import static io.sluice.mappings.catalog.CatalogFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;

class MappingListTest {

    private final CatalogFixture f = CatalogFixture.started();

    private List<String> createFunctions(int count, String source) {
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            uuids.add(f.created("fn-" + i, source).uuid());
        }
        return uuids;
    }

    @Test
    void pagesOfMaxItemsCoverEveryMappingOnceWithAMarkerUntilTheLast() {
        Set<String> created = new HashSet<>(createFunctions(250, STREAM));

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String marker = null;
        do {
            MappingPage page = f.catalog.list(ACCOUNT, REGION, null, null, marker, 100);
            page.mappings().forEach(m -> seen.add(m.uuid()));
            sizes.add(page.mappings().size());
            marker = page.nextMarker();
        } while (marker != null);

        assertThat(sizes).containsExactly(100, 100, 50);
        assertThat(seen).doesNotHaveDuplicates().hasSize(250);
        assertThat(new HashSet<>(seen)).isEqualTo(created);
    }

    @Test
    void aPageHoldsAHundredByDefaultAndMaxItemsIsFrom1To10000() {
        createFunctions(101, STREAM);

        MappingPage first = f.catalog.list(ACCOUNT, REGION, null, null, null, null);
        assertThat(first.mappings()).hasSize(100);
        assertThat(first.nextMarker()).isNotNull();
        assertThat(f.catalog.list(ACCOUNT, REGION, null, null, first.nextMarker(), null).mappings()).hasSize(1);
        assertThat(f.catalog.list(ACCOUNT, REGION, null, null, null, 10_000).nextMarker()).isNull();

        assertError(() -> f.catalog.list(ACCOUNT, REGION, null, null, null, 0), "ValidationException",
                "at 'maxItems'");
        assertError(() -> f.catalog.list(ACCOUNT, REGION, null, null, null, 10_001), "ValidationException",
                "less than or equal to 10000");
        assertError(() -> f.catalog.list(ACCOUNT, REGION, null, null, "garbage!", null),
                "InvalidParameterValueException", "Marker");
    }

    @Test
    void listingFiltersByFunctionInAnyFormAndBySource() {
        EventSourceMapping a = f.created("alpha", STREAM);
        EventSourceMapping b = f.created("alpha", OTHER_STREAM);
        EventSourceMapping c = f.created("beta", STREAM);

        assertThat(uuids(f.catalog.list(ACCOUNT, REGION, "alpha", null, null, null)))
                .containsExactlyInAnyOrder(a.uuid(), b.uuid());
        assertThat(uuids(f.catalog.list(ACCOUNT, REGION, a.functionArn(), null, null, null)))
                .containsExactlyInAnyOrder(a.uuid(), b.uuid());
        assertThat(uuids(f.catalog.list(ACCOUNT, REGION, null, STREAM, null, null)))
                .containsExactlyInAnyOrder(a.uuid(), c.uuid());
        assertThat(uuids(f.catalog.list(ACCOUNT, REGION, "beta", OTHER_STREAM, null, null))).isEmpty();
        assertThat(uuids(f.catalog.list(ACCOUNT, REGION, "123456789012:function:beta", STREAM, null, null)))
                .containsExactly(c.uuid());
    }

    @Test
    void listingShowsOnlyTheCallersAccountAndRegion() {
        f.created("alpha", STREAM);

        assertThat(f.catalog.list("210987654321", REGION, null, null, null, null).mappings()).isEmpty();
        assertThat(f.catalog.list(ACCOUNT, "eu-west-1", null, null, null, null).mappings()).isEmpty();
    }

    @Test
    void aMarkerStaysValidWhenItsMappingIsDeleted() {
        createFunctions(3, STREAM);
        MappingPage first = f.catalog.list(ACCOUNT, REGION, null, null, null, 1);
        f.catalog.delete(ACCOUNT, REGION, first.mappings().get(0).uuid());
        f.executor.runAll();

        MappingPage rest = f.catalog.list(ACCOUNT, REGION, null, null, first.nextMarker(), 10);

        assertThat(rest.mappings()).hasSize(2);
        assertThat(rest.nextMarker()).isNull();
    }

    private static List<String> uuids(MappingPage page) {
        return page.mappings().stream().map(EventSourceMapping::uuid).toList();
    }
}
