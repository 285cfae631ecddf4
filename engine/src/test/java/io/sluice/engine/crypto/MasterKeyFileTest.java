package io.sluice.engine.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.sluice.engine.crypto.LocalKmsTest.invalidState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MasterKeyFileTest {

    @TempDir
    Path dir;

    @Test
    void createdMasterKeyIsReadableByItsOwnerOnly() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path dataDir = dir.resolve("data");

        LocalKms.open(dataDir, null, List.of());

        Path keystore = dataDir.resolve("keystore");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore.resolve("master.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    void createdMasterKeyIsBase64OfA256BitKey() throws IOException {
        LocalKms.open(dir, null, List.of());

        String text = Files.readString(dir.resolve("keystore").resolve("master.key"), StandardCharsets.US_ASCII);

        assertThat(text).endsWith("\n");
        assertThat(Base64.getDecoder().decode(text.strip())).hasSize(32);
    }

    @Test
    void operatorMasterKeyIsUsedWhetherRawOrBase64() throws IOException {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 3);
        }
        Path raw = Files.write(dir.resolve("raw.key"), key);
        Path base64 = Files.writeString(dir.resolve("base64.key"), Base64.getEncoder().encodeToString(key) + "\r\n");

        DataKey dataKey = LocalKms.open(dir.resolve("a"), raw, List.of()).generateDataKey("alias/aws/kinesis");
        DataKey unwrapped = LocalKms.open(dir.resolve("b"), base64, List.of()).unwrap("alias/aws/kinesis", dataKey.wrapped());

        assertThat(unwrapped.plaintext()).isEqualTo(dataKey.plaintext());
        assertThat(dir.resolve("a").resolve("keystore")).doesNotExist();
        // The data directory's own master key is a different key: the operator's one really was the one used.
        invalidState(() -> LocalKms.open(dir.resolve("c"), null, List.of()).unwrap("alias/aws/kinesis", dataKey.wrapped()));
    }

    @Test
    void createdMasterKeyFileCanBeHandedOverAsAnOperatorKey() throws IOException {
        DataKey dataKey = LocalKms.open(dir, null, List.of()).generateDataKey("alias/aws/kinesis");

        LocalKms moved = LocalKms.open(dir.resolve("elsewhere"), dir.resolve("keystore").resolve("master.key"), List.of());

        assertThat(moved.unwrap("alias/aws/kinesis", dataKey.wrapped()).plaintext()).isEqualTo(dataKey.plaintext());
    }

    @Test
    void missingOperatorMasterKeyIsRefused() {
        Path missing = dir.resolve("missing.key");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalKms.open(dir, missing, List.of()))
                .withMessage("Master key file " + missing + " does not exist or is not a regular file");
    }

    @Test
    void operatorMasterKeyOfTheWrongLengthIsRefused() throws IOException {
        Path file = Files.write(dir.resolve("short.key"), new byte[16]);
        assertRefused(file, "it is 16 bytes that are not base64");
    }

    @Test
    void operatorMasterKeyInBase64OfTheWrongLengthIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("short.key"), Base64.getEncoder().encodeToString(new byte[16]));
        assertRefused(file, "it is base64 of 16 bytes");
    }

    @Test
    void operatorMasterKeyThatIsNeitherRawNorBase64IsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("garbage.key"), "this is not a key, it is a sentence!\n");
        assertRefused(file, "it is 37 bytes that are not base64");
    }

    private void assertRefused(Path file, String reason) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalKms.open(dir, file, List.of()))
                .withMessage("Master key file " + file
                        + " must hold a 256-bit key as 32 raw bytes or as the base64 text of 32 bytes, but " + reason);
        assertThat(dir.resolve("keystore")).doesNotExist();
    }
}
