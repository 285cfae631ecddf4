package io.sluice.cli.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One run of {@code sluice bench}, checked as a whole when built: a setting out of range or settings that
 * contradict each other are refused with a message naming the option.
 *
 * @param rate          target records per second over all producers; 0 for as fast as the endpoint answers
 * @param duration      how long producers run; null when {@code records} bounds the run instead
 * @param records       how many records producers send in all; 0 when {@code duration} bounds the run
 * @param readOnly      no producers: consumers read what the stream holds; the run ends once every shard is read
 *                      to its end, or after {@code duration}
 * @param drainTimeout  how long consumers may go on after producers stopped, to read the last records
 * @param jsonReport    where to write the report as JSON; null for none
 * @param warmup        how long the run goes before it is measured, on top of {@code duration}: the first seconds
 *                      of a JVM (the bench's and a Java server's) are slower while the JIT compiles
 * @param readStream    the stream consumers read, when not {@code stream}: the output of a processor (an
 *                      analytics application) that carries each record's text header into its own records
 * @param payload       how records carry their header: binary, or text a processor can pass on
 * @param data          whether each record carries data of its own after the header, or all the same
 */
record BenchSettings(URI endpoint, String region, Credentials credentials, String stream, int shards,
                     boolean deleteStream, int recordsPerPut, int recordSize, int concurrency, double rate,
                     Duration duration, long records, ConsumerMode consumers, StartPosition startPosition,
                     Duration pollInterval, Duration drainTimeout, boolean readOnly, BodyFormat format,
                     Path jsonReport, int ioThreads, Duration requestTimeout, Duration warmup,
                     String readStream, Payload payload, RecordData data) {

    static final int MAX_RECORDS_PER_PUT = 500;
    /** The largest record a Kinesis stream can be configured for (UpdateMaxRecordSize). */
    static final int MAX_RECORD_SIZE = 10 * 1024 * 1024;
    /** A PutRecords request carries at most 5 MiB of records. */
    static final long MAX_PUT_BYTES = 5L * 1024 * 1024;
    private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,32}");

    BenchSettings {
        String scheme = endpoint == null || endpoint.getScheme() == null ? ""
                : endpoint.getScheme().toLowerCase(Locale.ROOT);
        require((scheme.equals("http") || scheme.equals("https")) && endpoint.getHost() != null,
                "--endpoint must be an http:// or https:// URL with a host, not " + endpoint);
        require(region != null && REGION.matcher(region).matches(), "--region must look like us-east-1, not " + region);
        require(credentials != null, "credentials are required");
        require(stream != null && STREAM_NAME.matcher(stream).matches(),
                "--stream must be 1 to 128 letters, digits, '_', '.' or '-', not " + stream);
        require(shards >= 1 && shards <= 10_000, "--shards must be 1..10000, not " + shards);
        require(recordsPerPut >= 1 && recordsPerPut <= MAX_RECORDS_PER_PUT,
                "--records-per-put must be 1..500 (the PutRecords maximum), not " + recordsPerPut);
        require(payload != null, "payload is required");
        require(data != null, "data is required");
        require(recordSize >= payload.headerBytes() && recordSize <= MAX_RECORD_SIZE,
                "--record-size must be " + payload.headerBytes() + ".." + MAX_RECORD_SIZE
                        + " bytes (each record starts with a " + payload.headerBytes() + "-byte header), not "
                        + recordSize);
        require(readStream == null || STREAM_NAME.matcher(readStream).matches(),
                "--read-stream must be 1 to 128 letters, digits, '_', '.' or '-', not " + readStream);
        require(readStream == null || consumers != ConsumerMode.NONE, "--read-stream needs --consumers");
        require((long) recordsPerPut * recordSize <= MAX_PUT_BYTES,
                "a PutRecords request carries at most 5 MiB: " + recordsPerPut + " records of " + recordSize
                        + " bytes do not fit; lower --records-per-put or --record-size");
        require(concurrency >= 1 && concurrency <= 1024, "--concurrency must be 1..1024, not " + concurrency);
        require(rate >= 0 && Double.isFinite(rate), "--rate must be a positive number or 'unlimited', not " + rate);
        require(duration == null || (!duration.isNegative() && !duration.isZero()),
                "--duration must be positive, not " + duration);
        require(records >= 0, "--records must be positive, not " + records);
        require((duration == null) != (records == 0), "give --duration or --records, not both");
        require(consumers != null && startPosition != null && format != null,
                "consumers, start position and format are required");
        require(!readOnly || consumers != ConsumerMode.NONE, "--read-only needs --consumers polling or fanout");
        require(!readOnly || records == 0, "--read-only reads for --duration at most; --records does not apply");
        require(!pollInterval.isNegative(), "--poll-interval must not be negative");
        require(!drainTimeout.isNegative(), "--drain-timeout must not be negative");
        require(ioThreads >= 1 && ioThreads <= 64, "--io-threads must be 1..64, not " + ioThreads);
        require(requestTimeout.toMillis() >= 1, "--request-timeout must be at least 1ms");
        require(!warmup.isNegative(), "--warmup must not be negative");
        require(warmup.isZero() || records == 0, "--warmup applies to --duration runs, not to --records");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The stream consumers read. */
    String consumedStream() {
        return readStream != null ? readStream : stream;
    }

    boolean unlimitedRate() {
        return rate == 0;
    }

    /** PutRecord for single records, as the option's help promises; PutRecords otherwise. */
    String putOperation() {
        return recordsPerPut == 1 ? "PutRecord" : "PutRecords";
    }

    /** The record counts requests carry: full batches, and a last smaller one when {@code records} asks for it. */
    Set<Integer> batchShapes() {
        long remainder = records % recordsPerPut;
        return remainder == 0 ? Set.of(recordsPerPut) : Set.of(recordsPerPut, (int) remainder);
    }

    String host() {
        return endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
    }
}
