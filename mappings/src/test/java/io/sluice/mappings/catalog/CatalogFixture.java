package io.sluice.mappings.catalog;

import io.sluice.common.ManualClock;
import io.sluice.common.ServiceException;
import io.sluice.engine.store.MetaStore;
import io.sluice.mappings.EventSourceMapping;
import org.assertj.core.api.ThrowableAssert;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One node's catalogue with a recording runtime, a manual clock and a set of existing event sources. */
final class CatalogFixture {

    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    static final String STREAM = "arn:aws:kinesis:us-east-1:123456789012:stream/orders";
    static final String OTHER_STREAM = "arn:aws:kinesis:us-east-1:123456789012:stream/payments";
    static final String CONSUMER = STREAM + "/consumer/lambda:1700000000";
    static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:handler";

    final ManualClock clock = new ManualClock(1_700_000_000_000L);
    final RecordingRuntime runtime = new RecordingRuntime();
    final Set<String> sources = ConcurrentHashMap.newKeySet();
    final ManualExecutor executor = new ManualExecutor();
    final MappingCatalog catalog;

    CatalogFixture(MetaStore store) {
        sources.add(STREAM);
        sources.add(OTHER_STREAM);
        sources.add(CONSUMER);
        catalog = new MappingCatalog(store, (account, region, arn) -> account.equals(ACCOUNT)
                && region.equals(REGION) && sources.contains(arn), runtime, executor, clock);
    }

    /** A fixture on a fresh local store whose catalogue's runtime is active. */
    static CatalogFixture started() {
        CatalogFixture f = new CatalogFixture(new InMemoryMetaStore());
        f.catalog.resume();
        return f;
    }

    /** Creates a mapping of {@code function} on {@code source} and finishes its creation. */
    EventSourceMapping created(String function, String source) {
        EventSourceMapping m = catalog.create(ACCOUNT, REGION, MappingRequest.of(function, source, "LATEST"));
        executor.runAll();
        return catalog.get(ACCOUNT, REGION, m.uuid());
    }

    static void assertError(ThrowableAssert.ThrowingCallable call, String type, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ServiceException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.type().awsName()).isEqualTo(type);
            org.assertj.core.api.Assertions.assertThat(e.getMessage()).contains(messagePart);
        });
    }
}
