package io.sluice.analytics.app;

import io.sluice.common.ManualClock;
import io.sluice.common.UnsupportedFormatVersionException;
import io.sluice.engine.store.LocalMetaStore;
import io.sluice.storage.MetadataStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import static io.sluice.analytics.app.Definitions.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the registry finds after a crash tore its last write, or when an entry is damaged. */
class ApplicationStoreRecoveryTest {

    @TempDir
    Path dir;

    private ApplicationRegistry registry(MetadataStore metadata) {
        return new ApplicationRegistry(new LocalMetaStore(metadata), new MarkerCompiler(), new RecordingRunner(),
                new ManualClock(0), ApplicationLimits.defaults());
    }

    @Test
    void aTornLastWriteLosesOnlyTheChangeItCarried() throws IOException {
        try (MetadataStore metadata = new MetadataStore(dir)) {
            try (ApplicationRegistry registry = registry(metadata)) {
                registry.create(key("kept"), Definitions.withInput(), Map.of());
                registry.create(key("torn"), Definitions.withInput(), Map.of());
            }
        }
        Path journal = dir.resolve("metadata.journal");
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 7);
        }
        try (MetadataStore metadata = new MetadataStore(dir); ApplicationRegistry registry = registry(metadata)) {
            assertThat(registry.describe(key("kept")).definition()).isEqualTo(Definitions.withInput());
            assertThat(registry.list("000000000000", "us-east-1", null, 50).applications()).hasSize(1);
            assertThat(metadata.recoveredBytesCut()).isPositive();
        }
    }

    @Test
    void aDamagedEntryStopsTheStartNamingItsKey() throws IOException {
        try (MetadataStore metadata = new MetadataStore(dir)) {
            metadata.put("application/000000000000/us-east-1/bad", "{\"formatVersion\":1}"
                    .getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> registry(metadata)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("application/000000000000/us-east-1/bad");
        }
    }

    @Test
    void anEntryOfANewerFormatStopsTheStart() throws IOException {
        try (MetadataStore metadata = new MetadataStore(dir)) {
            metadata.put("application/000000000000/us-east-1/new", "{\"formatVersion\":9}"
                    .getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> registry(metadata)).isInstanceOf(UnsupportedFormatVersionException.class)
                    .hasMessageContaining("version 9");
        }
    }

    @Test
    void theOfflineCheckCountsApplicationsAndNamesTheEntriesItCannotRead() throws IOException {
        ApplicationMetaCodec codec = new ApplicationMetaCodec();
        Application good = new Application(key("good"), Definitions.withInput(), Map.of(), 1, 1, 1,
                ApplicationStatus.READY);
        ApplicationMetadataCheck.Report report = ApplicationMetadataCheck.check(Map.of(
                "application/000000000000/us-east-1/good", codec.encode(good),
                "application/000000000000/us-east-1/bad", "{\"formatVersion\":9}".getBytes(StandardCharsets.UTF_8),
                "stream/other", new byte[] {1}));
        assertThat(report.applications()).isEqualTo(2);
        assertThat(report.problems()).singleElement().asString()
                .contains("application/000000000000/us-east-1/bad", "version 9");
    }
}
