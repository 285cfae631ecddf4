package io.sluice.cli.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordHeaderTest {

    @Test
    void readsBackWhatWasWritten() {
        byte[] data = new byte[100];
        new RecordHeader(-7, Long.MAX_VALUE - 1, 123_456_789_012L).writeTo(data);

        assertThat(RecordHeader.readOrNull(data, data.length))
                .isEqualTo(new RecordHeader(-7, Long.MAX_VALUE - 1, 123_456_789_012L));
    }

    @Test
    void dataThatIsNotABenchRecordHasNoHeader() {
        byte[] foreign = "hello, this is not a bench record".getBytes();
        byte[] shortOne = new byte[RecordHeader.BYTES - 1];

        assertThat(RecordHeader.readOrNull(foreign, foreign.length)).isNull();
        assertThat(RecordHeader.readOrNull(shortOne, shortOne.length)).isNull();
    }

    @Test
    void aHeaderCutShortIsNotRead() {
        byte[] data = new byte[RecordHeader.BYTES];
        new RecordHeader(1, 2, 3).writeTo(data);

        assertThat(RecordHeader.readOrNull(data, RecordHeader.BYTES - 1)).isNull();
    }

    @Test
    void theTextFormReadsBackAndSurvivesBeingCopiedIntoAnotherRecord() {
        byte[] data = new byte[RecordHeader.TEXT_BYTES];
        RecordHeader.writeText(data, -7, 42, 123_456_789_012L);
        // a processor's CSV output line starts with the copied header column
        byte[] copied = (new String(data, java.nio.charset.StandardCharsets.US_ASCII) + ",AMZN\n").getBytes();

        assertThat(RecordHeader.readOrNull(copied, copied.length)).isEqualTo(new RecordHeader(-7, 42, 123_456_789_012L));
        assertThat(RecordHeader.readOrNull(copied, RecordHeader.TEXT_BYTES - 1)).isNull();
        copied[5] = 'x';
        assertThat(RecordHeader.readOrNull(copied, copied.length)).isNull();
    }
}
