package io.sluice.agent.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.agent.config.AgentConfigReader;
import io.sluice.agent.config.FlowConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordSplittersTest {

    static FlowConfig flow(String flowKeys) throws Exception {
        return flow("kinesisStream", flowKeys);
    }

    static FlowConfig flow(String destinationKey, String flowKeys) throws Exception {
        return new AgentConfigReader(1).read("{\"flows\": [{\"filePattern\": \"/a\", \"" + destinationKey
                + "\": \"s\"" + (flowKeys.isEmpty() ? "" : ", " + flowKeys) + "}]}").flows().get(0);
    }

    static List<String> texts(List<SplitRecord> records) {
        List<String> texts = new ArrayList<>();
        for (SplitRecord record : records) {
            texts.add(new String(record.data(), StandardCharsets.UTF_8));
        }
        return texts;
    }

    /** Everything the splitter gives for the whole file fed at once from {@code offset}, finish() included. */
    static List<SplitRecord> split(FlowConfig flow, byte[] file, int offset) {
        RecordSplitter splitter = RecordSplitters.forFlow(flow);
        List<SplitRecord> records = new ArrayList<>(splitter.feed(file, offset, file.length - offset, offset));
        records.addAll(splitter.finish());
        return records;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void linesAreRecordsWithTheirOffsets() throws Exception {
        RecordSplitter splitter = RecordSplitters.forFlow(flow(""));
        byte[] bytes = bytes("one\ntwo\r\nthr");

        List<SplitRecord> records = splitter.feed(bytes, 0, bytes.length, 0);

        assertThat(texts(records)).containsExactly("one", "two");
        assertThat(records.get(0).startOffset()).isZero();
        assertThat(records.get(0).endOffset()).isEqualTo(4);
        assertThat(records.get(1).startOffset()).isEqualTo(4);
        assertThat(records.get(1).endOffset()).isEqualTo(9);
        List<SplitRecord> last = splitter.finish();
        assertThat(texts(last)).containsExactly("thr");
        assertThat(last.get(0).endOffset()).isEqualTo(12);
    }

    @Test
    void aLineWithoutItsNewlineIsHeldUntilItArrives() throws Exception {
        RecordSplitter splitter = RecordSplitters.forFlow(flow(""));

        assertThat(splitter.feed(bytes("par"), 0, 3, 0)).isEmpty();
        List<SplitRecord> records = splitter.feed(bytes("tial\nnext"), 0, 9, 3);

        assertThat(texts(records)).containsExactly("partial");
        assertThat(records.get(0).endOffset()).isEqualTo(8);
    }

    @Test
    void emptyLinesAreRecords() throws Exception {
        assertThat(texts(split(flow(""), bytes("a\n\nb\n"), 0))).containsExactly("a", "", "b");
    }

    @Test
    void aMultiLineRecordEndsOnlyAtTheNextStartLineOrFinish() throws Exception {
        RecordSplitter splitter = RecordSplitters.forFlow(flow("\"multiLineStartPattern\": \"\\\\[\\\\d+\\\\]\""));
        byte[] first = bytes("[1] start\n  more\n[2] second\n");

        List<SplitRecord> records = splitter.feed(first, 0, first.length, 0);

        assertThat(texts(records)).containsExactly("[1] start\n  more");
        assertThat(records.get(0).endOffset()).isEqualTo(17);
        byte[] second = bytes("  tail\n");
        assertThat(splitter.feed(second, 0, second.length, first.length)).isEmpty();
        List<SplitRecord> last = splitter.finish();
        assertThat(texts(last)).containsExactly("[2] second\n  tail");
        assertThat(last.get(0).startOffset()).isEqualTo(17);
        assertThat(last.get(0).endOffset()).isEqualTo(first.length + second.length);
    }

    @Test
    void linesBeforeTheFirstStartLineAreARecordOfTheirOwn() throws Exception {
        assertThat(texts(split(flow("\"multiLineStartPattern\": \"S\""), bytes("x\ny\nS1\nz\n"), 0)))
                .containsExactly("x\ny", "S1\nz");
    }

    @Test
    void headerLinesAreSkippedAtTheFilesStartOnly() throws Exception {
        FlowConfig flow = flow("\"skipHeaderLines\": 2");
        byte[] file = bytes("h1\nh2\na\nb\n");

        List<SplitRecord> fromStart = split(flow, file, 0);
        List<SplitRecord> resumed = split(flow, file, 6);

        assertThat(texts(fromStart)).containsExactly("a", "b");
        assertThat(fromStart.get(0).startOffset()).isEqualTo(6);
        assertThat(texts(resumed)).containsExactly("a", "b");
    }

    @Test
    void theFooterLineAndEverythingAfterItGiveNoRecords() throws Exception {
        FlowConfig flow = flow("\"multiLineStartPattern\": \"R\", \"fileFooterPattern\": \"--END--\"");
        RecordSplitter splitter = RecordSplitters.forFlow(flow);
        byte[] file = bytes("R1\n c\n--END--\nR2\n");

        List<SplitRecord> records = splitter.feed(file, 0, file.length, 0);

        assertThat(texts(records)).containsExactly("R1\n c");
        assertThat(records.get(0).endOffset()).isEqualTo(6);
        assertThat(splitter.finish()).isEmpty();
    }

    @Test
    void aKinesisRecordOverOneMebibyteIsCutToFitWithItsNewline() throws Exception {
        int limit = 1024 * 1024;
        byte[] line = new byte[limit + 10];
        Arrays.fill(line, (byte) 'x');
        line[line.length - 1] = '\n';

        List<SplitRecord> records = split(flow(""), line, 0);

        assertThat(records).hasSize(1);
        assertThat(records.get(0).data()).hasSize(limit);
        assertThat(records.get(0).data()[limit - 1]).isEqualTo((byte) '\n');
        assertThat(records.get(0).data()[limit - 2]).isEqualTo((byte) 'x');
        assertThat(records.get(0).endOffset()).isEqualTo(line.length);
    }

    @Test
    void aRecordThatFitsWithItsNewlineIsNotCut() throws Exception {
        int limit = 1000 * 1024;
        byte[] line = new byte[limit];
        Arrays.fill(line, (byte) 'y');
        line[limit - 1] = '\n';

        List<SplitRecord> records = split(flow("deliveryStream", ""), line, 0);

        assertThat(records.get(0).data()).hasSize(limit - 1).doesNotContain((byte) '\n');
    }

    @Test
    void aCustomTerminatorEndsACutRecordAndLeavesRoomForTheNewline() throws Exception {
        int limit = 1000 * 1024;
        byte[] line = new byte[limit + 100];
        Arrays.fill(line, (byte) 'z');
        // a two-byte character across the cut: it must not be split
        int cut = limit - "[TRUNCATED]".length() - 1;
        line[cut - 1] = (byte) 0xC3;
        line[cut] = (byte) 0xA9;

        byte[] data = split(flow("deliveryStream", "\"truncatedRecordTerminator\": \"[TRUNCATED]\""), line, 0)
                .get(0).data();

        String text = new String(data, StandardCharsets.UTF_8);
        assertThat(text).endsWith("z[TRUNCATED]").doesNotContain("\uFFFD");
        assertThat(data.length + 1).isLessThanOrEqualTo(limit);
        assertThat(data).hasSize(cut - 1 + "[TRUNCATED]".length());
    }

    @Test
    void bytesThatDoNotFollowThePreviousOnesAreRefused() throws Exception {
        RecordSplitter splitter = RecordSplitters.forFlow(flow(""));
        splitter.feed(bytes("abc"), 0, 3, 0);

        assertThatThrownBy(() -> splitter.feed(bytes("d"), 0, 1, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
