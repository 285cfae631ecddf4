package io.sluice.engine.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetriedChangesTest {

    @TempDir
    Path dir;

    /** A local store whose first {@code losses} atomic changes lose to "another node". */
    private static MetaStore losing(MetaStore store, int losses, AtomicInteger attempts) {
        return new MetaStore() {
            @Override
            public Map<String, byte[]> entries() {
                return store.entries();
            }

            @Override
            public byte[] get(String key) {
                return store.get(key);
            }

            @Override
            public void put(String key, byte[] value) throws IOException {
                store.put(key, value);
            }

            @Override
            public void delete(String key) throws IOException {
                store.delete(key);
            }

            @Override
            public <T> T atomically(Change<T> change) throws IOException {
                if (attempts.incrementAndGet() <= losses) {
                    throw new ConflictException("another node's change won", null);
                }
                return change.run();
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }

    @Test
    void aChangeThatLostRunsAgainUntilItCommits() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (MetaStore store = losing(LocalMetaStore.open(dir), 3, attempts)) {
            RetriedChanges changes = new RetriedChanges(store, "test");

            String result = changes.run(() -> {
                store.put("k", new byte[] {1});
                return "done";
            });

            assertThat(result).isEqualTo("done");
            assertThat(attempts).hasValue(4);
            assertThat(store.get("k")).containsExactly(1);
        }
    }

    @Test
    void conflictsThatOutlastTheAttemptsAreThrown() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (MetaStore store = losing(LocalMetaStore.open(dir), Integer.MAX_VALUE, attempts)) {
            RetriedChanges changes = new RetriedChanges(store, "test");

            assertThatThrownBy(() -> changes.run(() -> "never")).isInstanceOf(MetaStore.ConflictException.class);
            assertThat(attempts).hasValue(RetriedChanges.ATTEMPTS);
        }
    }

    @Test
    void aChangeStartedInsideAnotherJoinsIt() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (MetaStore store = losing(LocalMetaStore.open(dir), 0, attempts)) {
            RetriedChanges changes = new RetriedChanges(store, "test");

            int inner = changes.run(() -> changes.run(() -> 7));

            assertThat(inner).isEqualTo(7);
            assertThat(attempts).as("one atomic change of the store").hasValue(1);
        }
    }
}
