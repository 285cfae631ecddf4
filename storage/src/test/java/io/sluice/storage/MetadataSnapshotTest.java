package io.sluice.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.common.UnsupportedFormatVersionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataSnapshotTest {

    @TempDir
    Path dir;

    @Test
    void aSnapshotRoundTrips() throws Exception {
        Path file = dir.resolve("metadata.snapshot");
        MetadataSnapshot.write(file, Map.of("a", new byte[] {1, 2}));
        assertThat(MetadataSnapshot.read(file)).containsOnlyKeys("a");
        assertThat(MetadataSnapshot.read(file).get("a")).containsExactly(1, 2);
    }

    @Test
    void aSnapshotOfANewerVersionIsRefusedAsSuchNamingTheFile() throws Exception {
        Path file = dir.resolve("metadata.snapshot");
        MetadataSnapshot.write(file, Map.of("a", new byte[] {1}));
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).putInt(4, 2);
        Files.write(file, bytes);

        assertThatThrownBy(() -> MetadataSnapshot.read(file))
                .isInstanceOf(UnsupportedFormatVersionException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("version 2");
    }

    @Test
    void aSnapshotWithoutTheMagicIsCorrupt() throws Exception {
        Path file = dir.resolve("metadata.snapshot");
        Files.write(file, new byte[16]);
        assertThatThrownBy(() -> MetadataSnapshot.read(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("corrupt metadata snapshot");
    }
}
