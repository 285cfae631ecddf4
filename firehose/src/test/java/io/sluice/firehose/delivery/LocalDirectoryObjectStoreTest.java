package io.sluice.firehose.delivery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalDirectoryObjectStoreTest {

    @TempDir
    Path dir;

    @Test
    void anObjectIsAFileUnderItsBucketWithNothingLeftBehind() throws IOException {
        LocalDirectoryObjectStore store = new LocalDirectoryObjectStore(dir);
        store.put("b", "2023/11/14/obj", "data".getBytes());
        store.put("b", "2023/11/14/obj", "newer".getBytes());
        assertThat(Files.readString(dir.resolve("b/2023/11/14/obj"))).isEqualTo("newer");
        try (var files = Files.list(dir.resolve("b/2023/11/14"))) {
            assertThat(files.toList()).hasSize(1);
        }
    }

    @Test
    void aKeyThatLeavesItsBucketIsRefused() {
        LocalDirectoryObjectStore store = new LocalDirectoryObjectStore(dir);
        assertThatThrownBy(() -> store.put("b", "../other/x", new byte[1])).isInstanceOf(IOException.class);
        assertThat(dir.resolve("other")).doesNotExist();
    }
}
