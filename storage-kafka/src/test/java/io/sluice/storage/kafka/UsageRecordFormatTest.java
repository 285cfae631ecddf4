package io.sluice.storage.kafka;

import io.sluice.engine.limits.ShardUsage;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageRecordFormatTest {

    private static final ShardUsage USAGE = new ShardUsage("1", "r", "s", 1, 2, 3, 4, 5, 6);

    /** A version-1 value as it lies in the usage topic: one entry, {@link #USAGE}. */
    static final byte[] GOLDEN = HexFormat.of().parseHex("01" + "00000001" + "000131" + "000172" + "000173"
            + "0000000000000001" + "00000002" + "0000000000000003" + "0000000000000004" + "0000000000000005"
            + "0000000000000006");

    @Test
    void usageIsWrittenAsTheGoldenVersion1Bytes() {
        assertThat(UsageRecordFormat.encode(List.of(USAGE))).isEqualTo(GOLDEN);
    }

    @Test
    void theGoldenVersion1BytesAreRead() {
        assertThat(UsageRecordFormat.decode(GOLDEN)).containsExactly(USAGE);
    }

    @Test
    void manyEntriesWithNonAsciiNamesRoundTrip() {
        List<ShardUsage> usage = List.of(new ShardUsage("000000000000", "eu-west-1", "commandes-été", 1_764_974_400_000L,
                7, 1 << 20, 1000, 5, 10 << 20), USAGE);

        assertThat(UsageRecordFormat.decode(UsageRecordFormat.encode(usage))).isEqualTo(usage);
    }

    @Test
    void anotherVersionIsRefusedNamingIt() {
        byte[] newer = GOLDEN.clone();
        newer[0] = 2;

        assertThatThrownBy(() -> UsageRecordFormat.decode(newer)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 2");
    }

    @Test
    void truncatedAndOverlongValuesAreRefused() {
        assertThatThrownBy(() -> UsageRecordFormat.decode(Arrays.copyOf(GOLDEN, GOLDEN.length - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> UsageRecordFormat.decode(Arrays.copyOf(GOLDEN, GOLDEN.length + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("past its entries");
        assertThatThrownBy(() -> UsageRecordFormat.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
