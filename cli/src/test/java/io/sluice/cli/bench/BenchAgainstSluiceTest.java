package io.sluice.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.common.Clock;
import io.sluice.engine.limits.LimitSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Runs the bench against a real Sluice server in this JVM and checks its counts against what the server stored,
 * read back with another client.
 */
class BenchAgainstSluiceTest {

    private static InProcessSluice sluice;
    private static StreamContents contents;
    private final StringWriter progress = new StringWriter();

    @BeforeAll
    static void startServer() throws Exception {
        sluice = new InProcessSluice(LimitSettings.off());
        contents = new StreamContents(sluice.endpoint());
    }

    @AfterAll
    static void stopServer() throws Exception {
        sluice.close();
    }

    @Test
    void everyAcknowledgedRecordIsInTheStreamAndWasReadOnceByTheConsumers() throws Exception {
        BenchReport report = run("--stream", "batches", "--records", "12345", "--concurrency", "4",
                "--consumers", "polling", "--poll-interval", "10ms", "--drain-timeout", "60s");

        assertThat(report.produced().recordsAcked()).isEqualTo(12_345);
        assertThat(report.produced().failedRecords()).isZero();
        assertThat(report.produced().recordsThrottled()).isZero();
        assertThat(report.produced().calls()).isEqualTo(25);
        assertThat(report.produced().putLatencyMs().count()).isEqualTo(25);
        assertThat(storedSequences("batches")).isEqualTo(range(12_345));
        assertThat(report.consumed().runRecords()).isEqualTo(12_345);
        assertThat(report.consumed().records()).isEqualTo(12_345);
        assertThat(report.consumed().duplicates()).isZero();
        assertThat(report.consumed().missing()).isZero();
        assertThat(report.consumed().endToEndMs().count()).isEqualTo(12_345);
        assertThat(report.errors()).isEmpty();
    }

    @Test
    void singleRecordPutsInJsonAreCountedTheSameWay() throws Exception {
        BenchReport report = run("--stream", "singles", "--shards", "2", "--records", "300", "--records-per-put", "1",
                "--record-size", "1KiB", "--format", "json", "--consumers", "polling", "--poll-interval", "10ms",
                "--drain-timeout", "60s");

        assertThat(report.setup().operation()).isEqualTo("PutRecord");
        assertThat(report.produced().recordsAcked()).isEqualTo(300);
        assertThat(report.produced().calls()).isEqualTo(300);
        assertThat(storedSequences("singles")).isEqualTo(range(300));
        assertThat(contents.readAll("singles")).allSatisfy(data -> assertThat(data).hasSize(1024));
        assertThat(report.consumed().runRecords()).isEqualTo(300);
        assertThat(report.consumed().missing()).isZero();
    }

    @Test
    void aWarmUpIsLeftOutOfTheFiguresButItsRecordsAreStillReadAndCounted() throws Exception {
        BenchReport report = run("--stream", "warmed", "--duration", "2s", "--warmup", "1s", "--concurrency", "2",
                "--rate", "2000", "--consumers", "polling", "--poll-interval", "10ms", "--drain-timeout", "60s");

        int stored = contents.readAll("warmed").size();
        assertThat(progress.toString()).contains("warm-up over");
        assertThat(report.produced().recordsAcked()).isPositive().isLessThanOrEqualTo(stored);
        // a call answered while the warm-up ends may fall on either side in one figure and the other in the other
        assertThat(report.produced().putLatencyMs().count()).isCloseTo(report.produced().calls(), within(2L));
        assertThat(report.consumed().missing()).isZero();
        assertThat(report.consumed().duplicates()).isZero();
    }

    @Test
    void aReadOnlyRunReadsEverythingTheStreamHoldsFromTrimHorizon() throws Exception {
        run("--stream", "backlog", "--records", "2000");

        BenchReport report = run("--stream", "backlog", "--read-only", "--consumers", "polling", "--from",
                "trim_horizon", "--duration", "60s");

        assertThat(report.produced()).isNull();
        assertThat(report.consumed().records()).isEqualTo(2000);
        assertThat(report.consumed().runRecords()).isZero();
        assertThat(report.consumed().missing()).isNull();
    }

    @Test
    void theStreamIsDeletedAtTheEndWhenAsked() throws Exception {
        run("--stream", "short-lived", "--records", "10", "--delete-stream");

        assertThat(statusOf("short-lived")).isIn("gone", "DELETING");
        assertThat(progress.toString()).contains("deleted stream short-lived");
    }

    @Test
    void anExistingStreamIsUsedAsItIs() throws Exception {
        contents.call("CreateStream", Map.of("StreamName", "existing", "ShardCount", 3));

        BenchReport report = run("--stream", "existing", "--shards", "1", "--records", "10");

        assertThat(report.setup().shards()).isEqualTo(3);
        assertThat(progress.toString()).contains("using stream existing (3 open shards)");
    }

    @Test
    void throttledRecordsAreCountedApartFromFailuresAndAreNotStored() throws Exception {
        try (InProcessSluice limited = new InProcessSluice(LimitSettings.aws())) {
            // one shard takes 1,000 records a second: 20,000 records as fast as possible cannot all get in
            BenchReport report = run(parse("--endpoint", limited.endpoint().toString(), "--stream", "narrow",
                    "--shards", "1", "--records", "20000"));

            assertThat(report.produced().recordsThrottled()).isPositive();
            assertThat(report.produced().recordsAcked() + report.produced().recordsThrottled()).isEqualTo(20_000);
            assertThat(report.produced().failedCalls()).isZero();
            assertThat(report.errors()).isEmpty();
            assertThat(new StreamContents(limited.endpoint()).readAll("narrow"))
                    .hasSize((int) report.produced().recordsAcked());
        }
    }

    @Test
    void fanOutConsumersReadEveryAcknowledgedRecordOnce() throws Exception {
        BenchReport report = run("--stream", "fanned", "--records", "5000", "--concurrency", "2", "--consumers",
                "fanout", "--drain-timeout", "60s");

        assertThat(report.setup().consumers()).isEqualTo("fanout");
        assertThat(report.produced().recordsAcked()).isEqualTo(5000);
        assertThat(storedSequences("fanned")).isEqualTo(range(5000));
        assertThat(report.consumed().runRecords()).isEqualTo(5000);
        assertThat(report.consumed().duplicates()).isZero();
        assertThat(report.consumed().missing()).isZero();
        assertThat(report.consumed().readCalls()).isPositive();
        assertThat(report.errors()).isEmpty();
        assertThat(contents.call("ListStreamConsumers", Map.of("StreamARN", "arn:aws:kinesis:us-east-1:000000000000:"
                + "stream/fanned")).path("Consumers")).as("deregistered at the end")
                .allSatisfy(consumer -> assertThat(consumer.path("ConsumerStatus").asText()).isEqualTo("DELETING"));
    }

    @Test
    void aReadOnlyFanOutRunReadsTheStreamFromTrimHorizon() throws Exception {
        run("--stream", "fanned-backlog", "--records", "1500");

        BenchReport report = run("--stream", "fanned-backlog", "--read-only", "--consumers", "fanout", "--from",
                "trim_horizon", "--duration", "60s");

        assertThat(report.consumed().records()).isEqualTo(1500);
    }

    private static String statusOf(String stream) throws Exception {
        // one call: the stream may be removed between two, as the deletion task runs on its own
        JsonNode answer = contents.answer("DescribeStreamSummary", Map.of("StreamName", stream));
        String error = answer.path("__type").asText();
        if (!error.isEmpty()) {
            return error.equals("ResourceNotFoundException") ? "gone" : error;
        }
        return answer.path("StreamDescriptionSummary").path("StreamStatus").asText();
    }

    private BenchReport run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--endpoint", sluice.endpoint().toString()));
        all.addAll(List.of(args));
        return run(parse(all.toArray(String[]::new)));
    }

    private BenchReport run(BenchSettings settings) throws Exception {
        return new BenchRun(settings, Ticker.system(), Clock.system(), new Random(), new PrintWriter(progress, true))
                .run();
    }

    private static BenchSettings parse(String... args) {
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    /** The sequence numbers of the bench records the stream holds, each set once; fails on a duplicate. */
    private static BitSet storedSequences(String stream) throws Exception {
        BitSet sequences = new BitSet();
        for (byte[] data : contents.readAll(stream)) {
            RecordHeader header = RecordHeader.readOrNull(data, data.length);
            assertThat(header).isNotNull();
            assertThat(sequences.get((int) header.sequence())).as("stored twice: %s", header.sequence()).isFalse();
            sequences.set((int) header.sequence());
        }
        return sequences;
    }

    private static BitSet range(int records) {
        BitSet expected = new BitSet();
        expected.set(0, records);
        return expected;
    }
}
