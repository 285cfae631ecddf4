package io.sluice.server.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RotatingLineWriterTest {

    @TempDir
    Path dir;

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aLineThatWouldOverflowTheFileStartsANewOneAndTheOldestIsDropped() throws IOException {
        try (RotatingLineWriter writer = new RotatingLineWriter(dir, "a.log", 8, 2)) {
            writer.write(line("one"));
            writer.write(line("two"));
            writer.write(line("three"));
        }

        assertThat(Files.readString(dir.resolve("a.log"))).isEqualTo("three\n");
        assertThat(Files.readString(dir.resolve("a.log.1"))).isEqualTo("one\ntwo\n");
        assertThat(dir.resolve("a.log.2")).doesNotExist();
    }

    @Test
    void aLineLongerThanTheLimitGetsAFileOfItsOwnAndOneFileMeansTruncation() throws IOException {
        try (RotatingLineWriter writer = new RotatingLineWriter(dir, "a.log", 4, 1)) {
            writer.write(line("first"));
            writer.write(line("second"));
        }

        assertThat(Files.readString(dir.resolve("a.log"))).isEqualTo("second\n");
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void reopeningAppendsAndCountsWhatIsAlreadyThere() throws IOException {
        try (RotatingLineWriter writer = new RotatingLineWriter(dir, "a.log", 10, 3)) {
            writer.write(line("12345678"));
        }
        try (RotatingLineWriter writer = new RotatingLineWriter(dir, "a.log", 10, 3)) {
            writer.write(line("x"));
            writer.write(line("y"));
        }

        assertThat(Files.readString(dir.resolve("a.log.1"))).isEqualTo("12345678\n");
        assertThat(Files.readString(dir.resolve("a.log"))).isEqualTo("x\ny\n");
    }

    @Test
    void writingAfterCloseFailsAndNonsenseLimitsAreRefused() throws IOException {
        RotatingLineWriter writer = new RotatingLineWriter(dir, "a.log", 10, 3);
        writer.close();

        assertThatThrownBy(() -> writer.write(line("x"))).isInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> new RotatingLineWriter(dir, "b.log", 0, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RotatingLineWriter(dir, "b.log", 10, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
