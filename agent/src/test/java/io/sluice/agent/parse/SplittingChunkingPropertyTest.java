package io.sluice.agent.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.agent.config.FlowConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random files cut into random chunks give the same records as the whole file at once, and a restart at any record's
 * endOffset gives exactly the records after it.
 */
class SplittingChunkingPropertyTest {

    private static final String[] WORDS = {"alpha", "START", "  indented", "é-ü", "\t", "x", "", "日本", "--END--"};

    @Test
    void anyChunkingAndAnyRestartGiveTheSameRecords() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("SplittingChunkingPropertyTest seed " + seed);
        Random random = new Random(seed);
        List<FlowConfig> flows = List.of(
                RecordSplittersTest.flow(""),
                RecordSplittersTest.flow("\"multiLineStartPattern\": \"START\""),
                RecordSplittersTest.flow("\"multiLineStartPattern\": \"START\", \"skipHeaderLines\": 1"),
                RecordSplittersTest.flow("\"skipHeaderLines\": 2, \"fileFooterPattern\": \"--END--\""));
        for (int round = 0; round < 300; round++) {
            FlowConfig flow = flows.get(random.nextInt(flows.size()));
            byte[] file = randomFile(random);
            List<SplitRecord> whole = RecordSplittersTest.split(flow, file, 0);

            assertThat(describe(chunked(flow, file, 0, random))).as("seed %d round %d", seed, round)
                    .isEqualTo(describe(whole));
            for (SplitRecord record : whole) {
                List<SplitRecord> after = whole.subList(whole.indexOf(record) + 1, whole.size());
                assertThat(describe(chunked(flow, file, (int) record.endOffset(), random)))
                        .as("seed %d round %d restart at %d", seed, round, record.endOffset())
                        .isEqualTo(describe(after));
            }
            checkRecordsAreTheFilesBytes(flow, file, whole);
        }
    }

    private static void checkRecordsAreTheFilesBytes(FlowConfig flow, byte[] file, List<SplitRecord> records) {
        long previousEnd = -1;
        for (SplitRecord record : records) {
            assertThat(record.startOffset()).isGreaterThanOrEqualTo(previousEnd);
            if (flow.fileFooterPattern() == null && flow.skipHeaderLines() == 0 && previousEnd >= 0) {
                assertThat(record.startOffset()).isEqualTo(previousEnd);
            }
            byte[] raw = Arrays.copyOfRange(file, (int) record.startOffset(), (int) record.endOffset());
            String text = new String(raw, StandardCharsets.UTF_8);
            String withoutTerminator = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            assertThat(new String(record.data(), StandardCharsets.UTF_8)).isEqualTo(withoutTerminator);
            previousEnd = record.endOffset();
        }
    }

    private static List<SplitRecord> chunked(FlowConfig flow, byte[] file, int from, Random random) {
        RecordSplitter splitter = RecordSplitters.forFlow(flow);
        List<SplitRecord> records = new ArrayList<>();
        int position = from;
        while (position < file.length) {
            int size = 1 + random.nextInt(random.nextBoolean() ? 4 : 64);
            int length = Math.min(size, file.length - position);
            // a reader's buffer holds the chunk somewhere inside it
            byte[] buffer = new byte[length + 8];
            int offset = random.nextInt(8);
            System.arraycopy(file, position, buffer, offset, length);
            records.addAll(splitter.feed(buffer, offset, length, position));
            position += length;
        }
        records.addAll(splitter.finish());
        return records;
    }

    private static List<String> describe(List<SplitRecord> records) {
        List<String> described = new ArrayList<>();
        for (SplitRecord record : records) {
            described.add(record.startOffset() + ".." + record.endOffset() + ":"
                    + new String(record.data(), StandardCharsets.UTF_8));
        }
        return described;
    }

    private static byte[] randomFile(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int lines = random.nextInt(12);
        for (int i = 0; i < lines; i++) {
            int words = random.nextInt(4);
            StringBuilder line = new StringBuilder();
            for (int w = 0; w < words; w++) {
                line.append(WORDS[random.nextInt(WORDS.length)]).append(w + 1 < words ? " " : "");
            }
            out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
            boolean last = i == lines - 1;
            if (!last || random.nextBoolean()) {
                out.writeBytes(random.nextInt(4) == 0 ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
            }
        }
        return out.toByteArray();
    }
}
