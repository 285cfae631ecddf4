package io.sluice.benchmarks;

import io.sluice.firehose.config.ColumnarSerializer;
import io.sluice.firehose.config.ConversionSchema;
import io.sluice.firehose.config.DataFormatConversion;
import io.sluice.firehose.config.JsonDeserializer;
import io.sluice.firehose.conversion.ConversionException;
import io.sluice.firehose.conversion.RecordConverter;
import io.sluice.firehose.conversion.TableSchema;
import io.sluice.firehose.conversion.TableSchemas;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Record format conversion on one thread: a batch of 20,000 JSON events (about 5 MB; the exact size is printed at
 * setup) converted into one file by the OpenX SerDe, the columns of a nine-column table (bigint, string, timestamp,
 * decimal, double, boolean, array, map, struct). Input MB/s = ops/s x the batch's size.
 */
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FormatConversionBenchmark {

    private static final int RECORDS = 20_000;
    private static final TableSchema EVENTS = new TableSchema("db", "events", "1", List.of(
            new TableSchema.Column("event_id", "string"),
            new TableSchema.Column("user_id", "bigint"),
            new TableSchema.Column("event_type", "string"),
            new TableSchema.Column("ts", "timestamp"),
            new TableSchema.Column("price", "decimal(10,2)"),
            new TableSchema.Column("score", "double"),
            new TableSchema.Column("logged_in", "boolean"),
            new TableSchema.Column("tags", "array<string>"),
            new TableSchema.Column("attributes", "map<string,string>"),
            new TableSchema.Column("device", "struct<os:string,version:int,ip:string>")));

    @State(Scope.Benchmark)
    public static class Batch {

        @Param({"parquet-SNAPPY", "parquet-UNCOMPRESSED", "orc-ZLIB"})
        String format;

        final List<byte[]> records = new ArrayList<>(RECORDS);
        RecordConverter converter;

        @Setup(Level.Trial)
        public void prepare() {
            SplittableRandom random = new SplittableRandom(42);
            long bytes = 0;
            String[] types = {"click", "view", "purchase", "signup"};
            for (int i = 0; i < RECORDS; i++) {
                String json = "{\"event_id\":\"" + new java.util.UUID(random.nextLong(), random.nextLong())
                        + "\",\"user_id\":" + random.nextInt(1_000_000)
                        + ",\"event_type\":\"" + types[random.nextInt(types.length)]
                        + "\",\"ts\":\"2026-12-06T05:" + (10 + random.nextInt(50)) + ":" + (10 + random.nextInt(50))
                        + "." + random.nextInt(100, 1000) + "Z\",\"price\":" + random.nextInt(100_000) / 100.0
                        + ",\"score\":" + random.nextDouble() + ",\"logged_in\":" + random.nextBoolean()
                        + ",\"tags\":[\"t" + random.nextInt(20) + "\",\"t" + random.nextInt(20) + "\"]"
                        + ",\"attributes\":{\"campaign\":\"c" + random.nextInt(100) + "\",\"page\":\"/p/"
                        + random.nextInt(10_000) + "\"},\"device\":{\"os\":\"android\",\"version\":"
                        + random.nextInt(10, 15) + ",\"ip\":\"10.0." + random.nextInt(256) + "." + random.nextInt(256)
                        + "\"}}";
                byte[] record = json.getBytes(StandardCharsets.UTF_8);
                records.add(record);
                bytes += record.length;
            }
            String[] parts = format.split("-");
            ColumnarSerializer serializer = parts[0].equals("orc")
                    ? new ColumnarSerializer.Orc(64 << 20, 256 << 20, 10_000, false, 0.05, parts[1], List.of(), 0.05,
                    0.0, "V0_12")
                    : new ColumnarSerializer.Parquet(256 << 20, 1 << 20, parts[1], false, 0, "V1");
            TableSchemas schemas = table -> EVENTS;
            converter = new RecordConverter(new DataFormatConversion(true, new ConversionSchema(
                    "arn:aws:iam::123456789012:role/r", null, "db", "events", null, null),
                    new JsonDeserializer.OpenX(false, true, Map.of()), serializer), schemas);
            System.out.printf("%nbatch: %d records, %d bytes of JSON%n", RECORDS, bytes);
        }
    }

    @Benchmark
    public byte[] convert(Batch batch) throws ConversionException {
        RecordConverter.Converted converted = batch.converter.convert(batch.records);
        if (!converted.failures().isEmpty()) {
            throw new IllegalStateException("the benchmark's records all fit: " + converted.failures().getFirst());
        }
        return converted.file();
    }
}
