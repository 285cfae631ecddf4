package io.sluice.analytics.host;

import io.sluice.common.UnsupportedFormatVersionException;
import io.sluice.engine.store.LocalMetaStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetaPositionsTest {

    private static final String APP = "arn:aws:kinesisanalytics:us-east-1:000000000000:application/app";
    private static final String STREAM = "arn:aws:kinesis:us-east-1:000000000000:stream/in";
    private static final StoredPositions GOLDEN = new StoredPositions(Map.of("1.1", new StoredPositions.Input(
            STREAM, 1_700_000_000_000L, Map.of(
            "shardId-000000000000", "49546986683135544286507457936321625675700192471156785154",
            "shardId-000000000001", PositionsCodec.SHARD_END))));

    @TempDir
    Path dir;
    private LocalMetaStore meta;
    private Path legacy;

    @BeforeEach
    void open() throws IOException {
        meta = LocalMetaStore.open(dir.resolve("meta"));
        legacy = dir.resolve("positions");
    }

    @AfterEach
    void close() {
        meta.close();
    }

    private static byte[] golden() throws IOException {
        try (InputStream in = MetaPositionsTest.class.getResourceAsStream("positions-v1.golden")) {
            return in.readAllBytes();
        }
    }

    private MetaPositions positions() {
        return new MetaPositions(meta, APP, legacy);
    }

    private Path legacyFile() {
        return legacy.resolve(URLEncoder.encode(APP, StandardCharsets.UTF_8)).resolve("positions");
    }

    @Test
    void writesTheGoldenBytesUnderTheApplicationsKey() throws IOException {
        positions().write(GOLDEN);

        assertThat(meta.get("analytics-positions:" + APP)).isEqualTo(golden());
    }

    @Test
    void readsTheGoldenBytes() throws IOException {
        meta.put(MetaPositions.key(APP), golden());

        assertThat(positions().read()).isEqualTo(GOLDEN);
    }

    @Test
    void noKeyAndNoFileMeansNoPositions() throws IOException {
        assertThat(positions().read()).isEqualTo(StoredPositions.NONE);
    }

    @Test
    void anOlderInstallsPositionsFileMovesIntoTheStoreAndIsDeleted() throws IOException {
        Files.createDirectories(legacyFile().getParent());
        Files.write(legacyFile(), golden());

        assertThat(positions().read()).isEqualTo(GOLDEN);
        assertThat(meta.get(MetaPositions.key(APP))).isEqualTo(golden());
        assertThat(legacyFile().getParent()).doesNotExist();
        assertThat(positions().read()).isEqualTo(GOLDEN);
    }

    @Test
    void aStoredValueWinsOverALeftOverFile() throws IOException {
        StoredPositions later = new StoredPositions(Map.of("1.1", new StoredPositions.Input(STREAM, 5, Map.of())));
        positions().write(later);
        Files.createDirectories(legacyFile().getParent());
        Files.write(legacyFile(), golden());

        assertThat(positions().read()).isEqualTo(later);
    }

    @Test
    void aTornWriteOfTheOlderFileLeavesThePreviousStateAndItsTemporaryFileIsRemoved() throws IOException {
        Files.createDirectories(legacyFile().getParent());
        Files.write(legacyFile(), golden());
        Path temp = legacyFile().resolveSibling("positions.tmp");
        Files.write(temp, "SLUICE-ANALYTICS-POSITIONS 1\ninput 1.1 5 arn".getBytes(StandardCharsets.UTF_8));

        assertThat(positions().read()).isEqualTo(GOLDEN);
        assertThat(temp).doesNotExist();
    }

    @Test
    void aNewerVersionIsRefused() throws IOException {
        meta.put(MetaPositions.key(APP), new String(golden(), StandardCharsets.UTF_8)
                .replace("POSITIONS 1", "POSITIONS 2").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> positions().read())
                .isInstanceOf(UnsupportedFormatVersionException.class)
                .hasMessageContaining("format version 2");
    }

    @Test
    void aDamagedValueIsRefusedRatherThanGuessedAt() throws IOException {
        meta.put(MetaPositions.key(APP), new String(golden(), StandardCharsets.UTF_8)
                .replace("SHARD_END", "SHARD_ENE").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> positions().read())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("checksum does not match")
                .hasMessageContaining(MetaPositions.key(APP));
    }

    @Test
    void aDamagedOlderFileIsRefusedNamingItAndNothingIsStored() throws IOException {
        Files.createDirectories(legacyFile().getParent());
        Files.writeString(legacyFile(), "SLUICE-ANALYTICS-POSITIONS 1\ninput 1.1 5 arn\n");

        assertThatThrownBy(() -> positions().read())
                .isInstanceOf(IOException.class)
                .hasMessageContaining(legacyFile().toString())
                .hasMessageContaining("end line is missing");
        assertThat(meta.get(MetaPositions.key(APP))).isNull();
    }

    @Test
    void deleteForgetsTheKeyAndAnOlderFile() throws IOException {
        positions().write(GOLDEN);
        Files.createDirectories(legacyFile().getParent());
        Files.write(legacyFile(), golden());

        positions().delete();

        assertThat(meta.get(MetaPositions.key(APP))).isNull();
        assertThat(legacyFile().getParent()).doesNotExist();
        assertThat(positions().read()).isEqualTo(StoredPositions.NONE);
    }
}
