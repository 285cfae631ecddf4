package io.sluice.engine;

import io.sluice.common.UnsupportedFormatVersionException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every small metadata encoding of the engine checks its version and refuses one it does not know. */
class PersistedVersionsTest {

    @Test
    void consumerMetadataRoundTripsAndRefusesAnotherVersionNamingTheKey() {
        ConsumerMeta meta = new ConsumerMeta(new StreamKey("1", "r", "s"), 5, "c", 6, 7, -1, Map.of("k", "v"));
        byte[] bytes = meta.encode();
        assertThat(ConsumerMeta.decode("consumer:x", bytes)).isEqualTo(meta);
        bytes[0] = 2;
        assertThatThrownBy(() -> ConsumerMeta.decode("consumer:x", bytes))
                .isInstanceOf(UnsupportedFormatVersionException.class)
                .hasMessageContaining("consumer:x").hasMessageContaining("version 2");
    }

    @Test
    void accountSettingsRoundTripAndRefuseAnotherVersionNamingTheKey() {
        AccountSettings settings = new AccountSettings("ENABLED", 1, -1, 2);
        byte[] bytes = settings.encode();
        assertThat(AccountSettings.decode("account:1", bytes)).isEqualTo(settings);
        bytes[0] = 9;
        assertThatThrownBy(() -> AccountSettings.decode("account:1", bytes))
                .isInstanceOf(UnsupportedFormatVersionException.class)
                .hasMessageContaining("account:1").hasMessageContaining("version 9");
    }

    @Test
    void dataKeyEntriesOfBothVersionsAreReadAndAnUnknownOneIsRefused() throws IOException {
        byte[] legacy = dataKey(false, 0, "alias/aws/kinesis");
        byte[] current = dataKey(true, 2, "alias/aws/kinesis");
        for (byte[] entry : new byte[][] {legacy, current}) {
            try (DataInputStream in = StreamEncryption.dataKeyEntry("datakey:x:0", entry)) {
                assertThat(in.readUTF()).isEqualTo("alias/aws/kinesis");
                assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
            }
        }
        assertThatThrownBy(() -> StreamEncryption.dataKeyEntry("datakey:x:0", dataKey(true, 3, "k")))
                .isInstanceOf(UnsupportedFormatVersionException.class)
                .hasMessageContaining("datakey:x:0").hasMessageContaining("version 3");
    }

    private static byte[] dataKey(boolean marked, int version, String keyId) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (marked) {
                out.writeByte(0xFF);
                out.writeByte(version);
            }
            out.writeUTF(keyId);
            out.write(new byte[] {1, 2, 3});
        }
        return bytes.toByteArray();
    }
}
