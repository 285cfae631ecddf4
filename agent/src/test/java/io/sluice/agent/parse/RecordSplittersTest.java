package io.sluice.agent.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.agent.config.AgentConfigReader;
import io.sluice.agent.config.FlowConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordSplittersTest {

    static FlowConfig flow(String flowKeys) throws Exception {
        return new AgentConfigReader(1).read("{\"flows\": [{\"filePattern\": \"/a\", \"kinesisStream\": \"s\""
                + (flowKeys.isEmpty() ? "" : ", " + flowKeys) + "}]}").flows().get(0);
    }

    static List<String> texts(List<SplitRecord> records) {
        List<String> texts = new ArrayList<>();
        for (SplitRecord record : records) {
            texts.add(new String(record.data(), StandardCharsets.UTF_8));
        }
        return texts;
    }

    @Test
    void linesAreRecordsWithTheirOffsets() throws Exception {
        RecordSplitter splitter = RecordSplitters.forFlow(flow(""));
        byte[] bytes = "one\ntwo\r\nthr".getBytes(StandardCharsets.UTF_8);

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
}
