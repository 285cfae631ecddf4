package io.sluice.cli.bench;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchCommandTest {

    @Test
    void defaultsProduceBatchesOf500HundredByteRecordsForTwentySecondsWithoutConsumers() {
        BenchSettings settings = parse();

        assertThat(settings.endpoint()).isEqualTo(URI.create("http://127.0.0.1:4567"));
        assertThat(settings.stream()).isEqualTo("sluice-bench");
        assertThat(settings.shards()).isEqualTo(4);
        assertThat(settings.recordsPerPut()).isEqualTo(500);
        assertThat(settings.putOperation()).isEqualTo("PutRecords");
        assertThat(settings.recordSize()).isEqualTo(100);
        assertThat(settings.concurrency()).isEqualTo(8);
        assertThat(settings.unlimitedRate()).isTrue();
        assertThat(settings.duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.records()).isZero();
        assertThat(settings.consumers()).isEqualTo(ConsumerMode.NONE);
        assertThat(settings.startPosition()).isEqualTo(StartPosition.LATEST);
        assertThat(settings.format()).isEqualTo(BodyFormat.CBOR);
        assertThat(settings.jsonReport()).isNull();
        assertThat(settings.deleteStream()).isFalse();
        assertThat(settings.readOnly()).isFalse();
        assertThat(settings.warmup()).isZero();
    }

    @Test
    void optionsAreReadWithTheirUnits() {
        BenchSettings settings = parse("--endpoint", "https://kinesis.eu-west-1.amazonaws.com", "--region",
                "eu-west-1", "--record-size", "1KiB", "--records-per-put", "1", "--rate", "2500.5", "--duration",
                "2m", "--consumers", "Polling", "--from", "trim-horizon", "--poll-interval", "PT0.05S", "--format",
                "json", "--access-key", "AK", "--secret-key", "SK", "--session-token", "TOKEN");

        assertThat(settings.host()).isEqualTo("kinesis.eu-west-1.amazonaws.com");
        assertThat(settings.region()).isEqualTo("eu-west-1");
        assertThat(settings.recordSize()).isEqualTo(1024);
        assertThat(settings.putOperation()).isEqualTo("PutRecord");
        assertThat(settings.rate()).isEqualTo(2500.5);
        assertThat(settings.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.consumers()).isEqualTo(ConsumerMode.POLLING);
        assertThat(settings.startPosition()).isEqualTo(StartPosition.TRIM_HORIZON);
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(settings.format()).isEqualTo(BodyFormat.JSON);
        assertThat(settings.credentials()).isEqualTo(new Credentials("AK", "SK", "TOKEN"));
    }

    @Test
    void aRecordCountReplacesTheDefaultDurationAndMayNeedALastSmallerBatch() {
        BenchSettings settings = parse("--records", "1234");

        assertThat(settings.duration()).isNull();
        assertThat(settings.records()).isEqualTo(1234);
        assertThat(settings.batchShapes()).containsExactlyInAnyOrder(500, 234);
        assertThat(parse("--records", "1000").batchShapes()).containsExactly(500);
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheOption() {
        assertRefused("give --duration or --records, not both", "--duration", "5s", "--records", "10");
        assertRefused("--records-per-put must be 1..500", "--records-per-put", "501");
        assertRefused("--record-size must be 24..", "--record-size", "10");
        assertRefused("a PutRecords request carries at most 5 MiB", "--record-size", "20000");
        assertRefused("--concurrency must be 1..1024", "--concurrency", "0");
        assertRefused("--shards must be 1..10000", "--shards", "0");
        assertRefused("--endpoint must be an http:// or https:// URL", "--endpoint", "ftp://example.com");
        assertRefused("--stream must be 1 to 128 letters", "--stream", "no spaces");
        assertRefused("--consumers must be one of none, polling, fanout, not 'kafka'", "--consumers", "kafka");
        assertRefused("--format must be one of cbor, json", "--format", "xml");
        assertRefused("--from must be one of latest, trim_horizon", "--from", "middle");
        assertRefused("--read-only needs --consumers polling or fanout", "--read-only");
        assertRefused("--duration must be positive", "--duration", "0s");
        assertRefused("--warmup applies to --duration runs", "--warmup", "5s", "--records", "10");
        assertRefused("--read-stream needs --consumers", "--read-stream", "out");
        assertRefused("--payload must be one of binary, text", "--payload", "xml");
        assertRefused("--record-size must be 48..", "--payload", "text", "--record-size", "40");
    }

    @Test
    void consumersReadTheReadStreamWhenOneIsGiven() {
        BenchSettings plain = parse("--consumers", "polling");
        BenchSettings through = parse("--consumers", "fanout", "--read-stream", "app-output", "--payload", "text");

        assertThat(plain.consumedStream()).isEqualTo(plain.stream());
        assertThat(plain.payload()).isEqualTo(Payload.BINARY);
        assertThat(through.consumedStream()).isEqualTo("app-output");
        assertThat(through.payload()).isEqualTo(Payload.TEXT);
    }

    @Test
    void badValuesEndTheCommandWithAUsageErrorAndTheReason() {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err));

        int rateExit = command.execute("--rate", "fast");
        String rateMessage = err.toString();
        err.getBuffer().setLength(0);
        int sizeExit = command.execute("--records-per-put", "600");

        assertThat(rateExit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(rateMessage).contains("--rate")
                .contains("expected records per second (a positive number) or 'unlimited', not 'fast'");
        assertThat(sizeExit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--records-per-put must be 1..500");
    }

    @Test
    void durationsSizesAndRatesAcceptTheUsualSpellings() {
        OptionConverters.DurationConverter durations = new OptionConverters.DurationConverter();
        OptionConverters.SizeConverter sizes = new OptionConverters.SizeConverter();
        OptionConverters.RateConverter rates = new OptionConverters.RateConverter();

        assertThat(durations.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(durations.convert("20")).isEqualTo(Duration.ofSeconds(20));
        assertThat(durations.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(durations.convert("PT3S")).isEqualTo(Duration.ofSeconds(3));
        assertThat(sizes.convert("1k")).isEqualTo(1024);
        assertThat(sizes.convert("2MiB")).isEqualTo(2 * 1024 * 1024);
        assertThat(sizes.convert("100")).isEqualTo(100);
        assertThat(rates.convert("Unlimited")).isZero();
        assertThatThrownBy(() -> durations.convert("soon")).hasMessageContaining("500ms, 20s or 2m");
        assertThatThrownBy(() -> sizes.convert("1GB")).hasMessageContaining("100, 1KiB or 1MiB");
        assertThatThrownBy(() -> sizes.convert("4096MiB")).hasMessageContaining("too large");
        assertThatThrownBy(() -> rates.convert("0")).hasMessageContaining("positive number");
        assertThatThrownBy(() -> rates.convert("-5")).hasMessageContaining("positive number");
    }

    private static BenchSettings parse(String... args) {
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    private static void assertRefused(String message, String... args) {
        assertThatThrownBy(() -> parse(args)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
