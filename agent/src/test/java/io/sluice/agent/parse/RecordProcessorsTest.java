package io.sluice.agent.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordProcessorsTest {

    @Test
    void withoutOptionsARecordIsSentWithItsNewline() throws Exception {
        RecordProcessor processor = RecordProcessors.forFlow(RecordSplittersTest.flow(""));

        byte[] sent = processor.process("a line".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(sent, StandardCharsets.UTF_8)).isEqualTo("a line\n");
    }
}
