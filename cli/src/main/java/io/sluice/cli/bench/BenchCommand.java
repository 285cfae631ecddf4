package io.sluice.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sluice.common.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code sluice bench}: a load generator for any Kinesis endpoint (Sluice, kinesalite, AWS), in the spirit of
 * Kafka's producer and consumer performance tools. Prints a progress line every second on stderr and a report on
 * stdout; exits 0, or 1 when nothing was written (or, read-only, read) or the run could not start. Picocli fills
 * and calls it on the main thread, once.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        description = "Load a Kinesis endpoint with puts (and optionally reads) and report throughput and latency.")
public final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:4567", description = "Kinesis endpoint URL.")
    URI endpoint;

    @Option(names = "--region", defaultValue = "${env:AWS_REGION:-us-east-1}", description = "Signing region.")
    String region;

    @Option(names = "--access-key", defaultValue = "${env:AWS_ACCESS_KEY_ID:-sluice}",
            description = "Access key id to sign with.")
    String accessKey;

    @Option(names = "--secret-key", defaultValue = "${env:AWS_SECRET_ACCESS_KEY:-sluice}", showDefaultValue =
            CommandLine.Help.Visibility.NEVER, description = "Secret access key to sign with (default: "
            + "$AWS_SECRET_ACCESS_KEY, else a dummy key).")
    String secretKey;

    @Option(names = "--session-token", defaultValue = "${env:AWS_SESSION_TOKEN}", showDefaultValue =
            CommandLine.Help.Visibility.NEVER, description = "Session token (default: $AWS_SESSION_TOKEN).")
    String sessionToken;

    @Option(names = "--stream", defaultValue = "sluice-bench", description = "Stream to use; created if missing.")
    String stream;

    @Option(names = "--shards", defaultValue = "4", description = "Shard count when the stream is created.")
    int shards;

    @Option(names = "--delete-stream", description = "Delete the stream at the end.")
    boolean deleteStream;

    @Option(names = "--records-per-put", defaultValue = "500",
            description = "Records per PutRecords call (1..500); 1 uses PutRecord.")
    int recordsPerPut;

    @Option(names = "--record-size", defaultValue = "100", converter = OptionConverters.SizeConverter.class,
            description = "Bytes of data per record (e.g. 100, 1KiB); at least 24.")
    int recordSize;

    @Option(names = "--concurrency", defaultValue = "8", description = "Put calls in flight (one connection each).")
    int concurrency;

    @Option(names = "--rate", defaultValue = "unlimited", converter = OptionConverters.RateConverter.class,
            description = "Target records per second over all producers, or 'unlimited'.")
    double rate;

    @Option(names = "--duration", converter = OptionConverters.DurationConverter.class,
            description = "How long to produce (e.g. 20s, 2m); 20s unless --records is given.")
    Duration duration;

    @Option(names = "--records", description = "How many records to produce in all, instead of --duration.")
    long records;

    @Option(names = "--warmup", defaultValue = "0s", converter = OptionConverters.DurationConverter.class,
            description = "Run this long before measuring (on top of --duration); its figures are left out.")
    Duration warmup;

    @Option(names = "--consumers", defaultValue = "none",
            description = "none, polling (a GetRecords loop per shard) or fanout (a registered consumer and "
                    + "SubscribeToShard per shard, over HTTP/1.1).")
    String consumers;

    @Option(names = "--from", defaultValue = "latest", description = "Where consumers start: latest or trim_horizon.")
    String from;

    @Option(names = "--poll-interval", defaultValue = "200ms", converter = OptionConverters.DurationConverter.class,
            description = "Pause of a consumer after an empty GetRecords answer (AWS allows 5 calls/s per shard).")
    Duration pollInterval;

    @Option(names = "--drain-timeout", defaultValue = "10s", converter = OptionConverters.DurationConverter.class,
            description = "How long consumers may go on reading after producers stopped.")
    Duration drainTimeout;

    @Option(names = "--read-only", description = "No producers: consumers read the stream until they reach its end "
            + "(or --duration passes); measures read throughput.")
    boolean readOnly;

    @Option(names = "--read-stream", description = "Consumers read this stream instead of --stream: the output of "
            + "a processor (e.g. an analytics application) that copies each record's text header (--payload text) "
            + "into its records, so the report gives the latency through it.")
    String readStream;

    @Option(names = "--payload", defaultValue = "binary", description = "Record data: binary (a 24-byte header, "
            + "random bytes) or text (the header as 48 hex characters, a comma, letters: one CSV line).")
    String payload;

    @Option(names = "--data", defaultValue = "unique", description = "Data after each record's header: unique "
            + "(random bytes of its own per record, incompressible) or repeated (the same random bytes in every "
            + "record, which compress to almost nothing).")
    String data;

    @Option(names = "--format", defaultValue = "cbor", description = "Wire format: cbor or json.")
    String format;

    @Option(names = "--json-report", description = "Also write the report to this file as JSON.")
    Path jsonReport;

    @Option(names = "--io-threads", defaultValue = "1", description = "Event loop threads of the bench's client.")
    int ioThreads;

    @Option(names = "--request-timeout", defaultValue = "30s", converter = OptionConverters.DurationConverter.class,
            description = "A call without an answer by then counts as failed.")
    Duration requestTimeout;

    @Override
    public Integer call() throws Exception {
        BenchSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BenchReport report;
        try {
            report = new BenchRun(settings, Ticker.system(), Clock.system(), new Random(), err).run();
        } catch (BenchException e) {
            err.println("sluice bench: " + e.getMessage());
            return 1;
        }
        out.print(new ReportText().format(report));
        out.flush();
        if (settings.jsonReport() != null) {
            writeJson(report, settings.jsonReport());
        }
        boolean nothingDone = report.produced() != null ? report.produced().recordsAcked() == 0
                : report.consumed().records() == 0;
        return nothingDone ? 1 : 0;
    }

    /** The options as a checked whole; IllegalArgumentException names the option that is wrong. */
    BenchSettings settings() {
        Duration runFor = duration == null && records == 0 ? Duration.ofSeconds(20) : duration;
        return new BenchSettings(endpoint, region, new Credentials(accessKey, secretKey, sessionToken), stream, shards,
                deleteStream, recordsPerPut, recordSize, concurrency, rate, runFor, records,
                choice(ConsumerMode.class, consumers, "--consumers"),
                choice(StartPosition.class, from.replace('-', '_'), "--from"), pollInterval, drainTimeout,
                readOnly, choice(BodyFormat.class, format, "--format"), jsonReport, ioThreads, requestTimeout,
                warmup, readStream, choice(Payload.class, payload, "--payload"),
                choice(RecordData.class, data, "--data"));
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String option) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String choices = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            throw new IllegalArgumentException(option + " must be one of " + choices + ", not '" + value + "'");
        }
    }

    private static void writeJson(BenchReport report, Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
    }
}
