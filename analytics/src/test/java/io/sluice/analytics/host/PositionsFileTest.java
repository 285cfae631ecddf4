package io.sluice.analytics.host;

import io.sluice.common.UnsupportedFormatVersionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PositionsFileTest {

    private static final String STREAM = "arn:aws:kinesis:us-east-1:000000000000:stream/in";
    private static final StoredPositions GOLDEN = new StoredPositions(Map.of("1.1", new StoredPositions.Input(
            STREAM, 1_700_000_000_000L, Map.of(
            "shardId-000000000000", "49546986683135544286507457936321625675700192471156785154",
            "shardId-000000000001", PositionsFile.SHARD_END))));

    @TempDir
    Path dir;

    private static byte[] golden() throws IOException {
        try (InputStream in = PositionsFileTest.class.getResourceAsStream("positions-v1.golden")) {
            return in.readAllBytes();
        }
    }

    @Test
    void writesTheGoldenFileByteForByte() throws IOException {
        PositionsFile file = new PositionsFile(dir);
        file.write(GOLDEN);

        assertThat(Files.readAllBytes(file.path())).isEqualTo(golden());
    }

    @Test
    void readsTheGoldenFile() throws IOException {
        Files.write(dir.resolve("positions"), golden());

        assertThat(new PositionsFile(dir).read()).isEqualTo(GOLDEN);
    }

    @Test
    void aMissingFileMeansNoPositions() throws IOException {
        assertThat(new PositionsFile(dir.resolve("none")).read()).isEqualTo(StoredPositions.NONE);
    }

    @Test
    void aTornWriteLeavesThePreviousStateAndItsTemporaryFileIsRemoved() throws IOException {
        PositionsFile file = new PositionsFile(dir);
        file.write(GOLDEN);
        Files.write(dir.resolve("positions.tmp"), "SLUICE-ANALYTICS-POSITIONS 1\ninput 1.1 5 arn".getBytes(
                StandardCharsets.UTF_8));

        assertThat(file.read()).isEqualTo(GOLDEN);
        assertThat(dir.resolve("positions.tmp")).doesNotExist();
    }

    @Test
    void aNewerVersionIsRefused() throws IOException {
        Files.writeString(dir.resolve("positions"), new String(golden(), StandardCharsets.UTF_8)
                .replace("POSITIONS 1", "POSITIONS 2"));

        assertThatThrownBy(() -> new PositionsFile(dir).read())
                .isInstanceOf(UnsupportedFormatVersionException.class)
                .hasMessageContaining("format version 2");
    }

    @Test
    void aDamagedFileIsRefusedRatherThanGuessedAt() throws IOException {
        Files.writeString(dir.resolve("positions"), new String(golden(), StandardCharsets.UTF_8)
                .replace("SHARD_END", "SHARD_ENE"));

        assertThatThrownBy(() -> new PositionsFile(dir).read())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("checksum does not match");
    }

    @Test
    void deleteRemovesTheFileAndTheEmptyDirectory() throws IOException {
        PositionsFile file = new PositionsFile(dir.resolve("app"));
        file.write(GOLDEN);
        file.delete();

        assertThat(dir.resolve("app")).doesNotExist();
    }
}
