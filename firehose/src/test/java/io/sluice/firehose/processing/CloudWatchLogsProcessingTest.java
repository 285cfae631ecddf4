package io.sluice.firehose.processing;

import io.sluice.firehose.config.Processing;
import io.sluice.firehose.config.Processor;
import io.sluice.firehose.config.ProcessorParameter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decompression and CloudWatchLogProcessing on payloads shaped as CloudWatch Logs subscription filters send them
 * (gzip'd JSON; fixtures under {@code cloudwatch-logs/}).
 */
class CloudWatchLogsProcessingTest {

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = CloudWatchLogsProcessingTest.class.getResourceAsStream("/cloudwatch-logs/" + name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static ProcessedRecord record(long offset, byte[] data) {
        return new ProcessedRecord(offset, Long.toString(offset), 1000, data, Map.of(), null);
    }

    private static List<String> texts(StageResult result) {
        return result.records().stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList();
    }

    private static ProcessingPipeline pipeline(String extraction) {
        return ProcessingPipeline.of(new Processing(true, List.of(
                new Processor("CloudWatchLogProcessing", List.of(
                        new ProcessorParameter("DataMessageExtraction", extraction))),
                new Processor("Decompression", List.of(new ProcessorParameter("CompressionFormat", "GZIP"))))),
                false, null, null, () -> 9);
    }

    @Test
    void decompressionGunzipsADataMessageToItsJson() throws IOException {
        byte[] json = fixture("data-message.json");
        StageResult result = new Decompression(() -> 0).apply(List.of(record(3, gzip(json))));
        assertThat(result.failed()).isEmpty();
        assertThat(result.records()).singleElement().satisfies(r -> {
            assertThat(r.data()).isEqualTo(json);
            assertThat(r.sourceOffset()).isEqualTo(3);
        });
    }

    @Test
    void controlMessagesAreDropped() throws IOException {
        StageResult result = new Decompression(() -> 0).apply(List.of(record(1, gzip(fixture("control-message.json"))),
                record(2, gzip(fixture("data-message.json")))));
        assertThat(result.failed()).isEmpty();
        assertThat(result.records()).extracting(ProcessedRecord::sourceOffset).containsExactly(2L);
    }

    @Test
    void aRecordThatIsNotGzipFailsToTheDecompressionErrorOutputAsItCame() {
        byte[] plain = "{\"messageType\":\"DATA_MESSAGE\"}".getBytes(StandardCharsets.UTF_8);
        StageResult result = new Decompression(() -> 77).apply(List.of(record(5, plain)));
        assertThat(result.records()).isEmpty();
        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.errorCode()).isEqualTo(Decompression.FAILED_CODE);
            assertThat(f.errorOutputType()).isEqualTo("decompression-failed");
            assertThat(f.rawData()).isEqualTo(plain);
            assertThat(f.attemptEndingMillis()).isEqualTo(77);
        });
    }

    @Test
    void aPayloadThatInflatesPastTheLimitFails() throws IOException {
        byte[] bomb = gzip(new byte[Decompression.MAX_DECOMPRESSED_BYTES + 1]);
        StageResult result = new Decompression(() -> 0).apply(List.of(record(1, bomb)));
        assertThat(result.records()).isEmpty();
        assertThat(result.failed()).singleElement()
                .satisfies(f -> assertThat(f.errorMessage()).contains("more than 64 MiB"));
    }

    @Test
    void messageExtractionGivesOneRecordPerLogEventWithANewline() throws IOException {
        StageResult result = pipeline("true").apply(List.of(record(4, gzip(fixture("data-message.json"))),
                record(5, gzip(fixture("control-message.json")))));
        assertThat(result.failed()).isEmpty();
        assertThat(texts(result)).containsExactly("START RequestId: 1f2e3d4c Version: $LATEST\n",
                "{\"order\":17,\"total\":\"12.50\",\"note\":\"café\"}\n", "END RequestId: 1f2e3d4c\n");
        assertThat(result.records()).extracting(ProcessedRecord::recordId).containsExactly("4.0", "4.1", "4.2");
        assertThat(result.records()).allMatch(r -> r.sourceOffset() == 4);
    }

    @Test
    void withoutExtractionTheDecompressedPayloadGoesOnWhole() throws IOException {
        byte[] json = fixture("data-message.json");
        StageResult result = pipeline("false").apply(List.of(record(1, gzip(json))));
        assertThat(result.records()).singleElement().satisfies(r -> assertThat(r.data()).isEqualTo(json));
    }

    @Test
    void aDecompressedPayloadThatIsNotALogsMessageFailsExtraction() throws IOException {
        StageResult result = pipeline("true").apply(List.of(record(1, gzip("[1,2]".getBytes(StandardCharsets.UTF_8))),
                record(2, gzip("{\"logEvents\":[{\"id\":\"1\"}]}".getBytes(StandardCharsets.UTF_8)))));
        assertThat(result.records()).isEmpty();
        assertThat(result.failed()).extracting(FailedRecord::errorCode)
                .containsOnly(CloudWatchLogProcessing.FAILED_CODE);
        assertThat(result.failed()).extracting(FailedRecord::errorOutputType).containsOnly("processing-failed");
        assertThat(result.failed().get(0).attemptEndingMillis()).isEqualTo(9);
    }
}
