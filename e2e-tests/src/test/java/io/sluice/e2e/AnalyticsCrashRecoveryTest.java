package io.sluice.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kinesis Data Analytics applications survive their server being killed: writers put numbered JSON records into a
 * source stream while a filter application and a tumbling-window count application run on it in a server process;
 * the process is killed with SIGKILL at random moments (seeded, the seed printed) and restarted on the same data
 * directory; the applications come back RUNNING by themselves and carry on. Once the writers stop and the output
 * settles:
 * <ul>
 *   <li>the filter's output holds every acknowledged record that passes the filter at least once, and the first
 *       copies come in put order per writer (duplicates, written again after a crash, are allowed and counted);</li>
 *   <li>the tumbling counts cover every acknowledged record. A window row carries the first and last record number
 *       of its writer's key in the window and the count; each row must count exactly the records of its range that
 *       the source stream holds (one writer per key, whose records sit in one shard in put order; numbers of puts
 *       that failed while the server was down are gaps), and the ranges together must cover every acknowledged
 *       number. Windows emitted before a crash and emitted again after it, from records read again,
 *       are duplicates: the same row twice, allowed and counted. A replayed window may also come out with other
 *       bounds than before the crash (ROWTIME is the arrival time kept monotonic across the source's shards, and
 *       the shards interleave differently when read again), which overlaps earlier rows: allowed too, since only
 *       losses break the at-least-once contract.</li>
 * </ul>
 * A graceful stop (SIGTERM) writes the outputs and stores the positions, so a restart after it duplicates nothing.
 */
class AnalyticsCrashRecoveryTest {

    private static final int WRITERS = 4;
    private static final int KILLS = 3;
    private static final String ROLE = "arn:aws:iam::000000000000:role/kda";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILTER_CODE = """
            CREATE OR REPLACE STREAM "KEPT" (W VARCHAR(8), N BIGINT);
            CREATE OR REPLACE PUMP "KEEP_PUMP" AS INSERT INTO "KEPT"
                SELECT STREAM W, N FROM "SOURCE_SQL_STREAM_001" WHERE P = 'a';
            """;
    private static final String COUNT_CODE = """
            CREATE OR REPLACE STREAM "COUNTS" (W VARCHAR(8), FIRST_N BIGINT, LAST_N BIGINT, C BIGINT);
            CREATE OR REPLACE PUMP "COUNT_PUMP" AS INSERT INTO "COUNTS"
                SELECT STREAM W, MIN(N) AS FIRST_N, MAX(N) AS LAST_N, COUNT(*) AS C
                FROM "SOURCE_SQL_STREAM_001"
                GROUP BY W, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' SECOND);
            """;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private Path config() throws IOException {
        Path config = dir.resolve("sluice.properties");
        Files.writeString(config, """
                streams.create-delay-ms=0
                streams.delete-delay-ms=0
                limits.profile=off
                auth.allow-unsigned=true
                analytics.rowtime-bound-interval-ms=200
                """);
        return config;
    }

    /** A window row of the count application. */
    record Window(String writer, long first, long last, long count) {
    }

    @Test
    void applicationsResumeAfterSigkillAndLoseNoOutputRow() throws Exception {
        long seed = System.nanoTime();
        System.out.println("AnalyticsCrashRecoveryTest seed=" + seed);
        Random random = new Random(seed);
        Path data = dir.resolve("data");
        int port = ServerProcess.freePort();
        List<List<Long>> acked = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        ServerProcess server = ServerProcess.start(data, config(), port);
        URI endpoint = server.endpoint();
        try {
            setUp(endpoint);
            writers.addAll(startWriters(endpoint, acked, stop));
            for (int kill = 0; kill < KILLS; kill++) {
                Thread.sleep(400 + random.nextInt(1600));
                server.kill();
                System.out.println("SIGKILL " + (kill + 1) + " after " + total(acked) + " acknowledged records");
                Thread.sleep(random.nextInt(300));
                server = ServerProcess.start(data, config(), port);
                awaitRunning(endpoint, "filter");
                awaitRunning(endpoint, "counter");
            }
            Thread.sleep(500 + random.nextInt(500));
            stopWriters(writers, stop);
            System.out.println("acknowledged: " + total(acked));
            assertThat(total(acked)).isPositive();
            try (KinesisClient client = Clients.sync(endpoint, true, 0)) {
                int duplicates = checkFilter(client, acked, true);
                System.out.println("filter duplicates after " + KILLS + " kills: " + duplicates);
                int[] windowDuplicates = checkCounts(client, acked, true);
                System.out.println("count windows emitted again: " + windowDuplicates[0] + " identical, "
                        + windowDuplicates[1] + " with other bounds");
            }
        } finally {
            stop.set(true);
            server.close();
        }
    }

    @Test
    void sigtermStopsApplicationsSoThatTheRestartDuplicatesNothing() throws Exception {
        Path data = dir.resolve("graceful");
        int port = ServerProcess.freePort();
        List<List<Long>> acked = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        ServerProcess server = ServerProcess.start(data, config(), port);
        URI endpoint = server.endpoint();
        try {
            setUp(endpoint);
            writers.addAll(startWriters(endpoint, acked, stop));
            Thread.sleep(1_500);
            assertThat(server.terminate()).as("exit code after SIGTERM").isZero();
            System.out.println("SIGTERM after " + total(acked) + " acknowledged records");
            server = ServerProcess.start(data, config(), port);
            awaitRunning(endpoint, "filter");
            awaitRunning(endpoint, "counter");
            Thread.sleep(1_000);
            stopWriters(writers, stop);
            try (KinesisClient client = Clients.sync(endpoint, true, 0)) {
                assertThat(checkFilter(client, acked, false)).as("filter rows written twice").isZero();
                assertThat(checkCounts(client, acked, false)).as("windows written twice").containsExactly(0, 0);
            }
        } finally {
            stop.set(true);
            server.close();
        }
    }

    /** One writer thread per partition key, each adding what was acknowledged to its own list of {@code acked}. */
    private static List<Thread> startWriters(URI endpoint, List<List<Long>> acked, AtomicBoolean stop) {
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            List<Long> mine = new CopyOnWriteArrayList<>();
            acked.add(mine);
            int writer = w;
            writers.add(Thread.ofPlatform().start(() -> write(endpoint, writer, mine, stop)));
        }
        return writers;
    }

    private static void stopWriters(List<Thread> writers, AtomicBoolean stop) throws InterruptedException {
        stop.set(true);
        for (Thread writer : writers) {
            writer.join(30_000);
        }
    }

    private static int total(List<List<Long>> acked) {
        return acked.stream().mapToInt(List::size).sum();
    }

    private void setUp(URI endpoint) throws Exception {
        String source;
        String kept;
        String counts;
        try (KinesisClient client = Clients.sync(endpoint, true, 0)) {
            source = stream(client, "source", 2);
            kept = stream(client, "kept", 1);
            counts = stream(client, "counts", 1);
        }
        application(endpoint, "filter", FILTER_CODE, source, "KEPT", kept);
        application(endpoint, "counter", COUNT_CODE, source, "COUNTS", counts);
    }

    private static String stream(KinesisClient client, String name, int shards) {
        client.createStream(b -> b.streamName(name).shardCount(shards));
        client.waiter().waitUntilStreamExists(b -> b.streamName(name));
        return client.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().streamARN();
    }

    private void application(URI endpoint, String name, String code, String source, String output, String destination)
            throws Exception {
        ObjectNode create = JSON.createObjectNode().put("ApplicationName", name).put("ApplicationCode", code);
        ObjectNode input = create.putArray("Inputs").addObject().put("NamePrefix", "SOURCE_SQL_STREAM");
        input.putObject("KinesisStreamsInput").put("ResourceARN", source).put("RoleARN", ROLE);
        ObjectNode schema = input.putObject("InputSchema").put("RecordEncoding", "UTF-8");
        schema.putObject("RecordFormat").put("RecordFormatType", "JSON").putObject("MappingParameters")
                .putObject("JSONMappingParameters").put("RecordRowPath", "$");
        var columns = schema.putArray("RecordColumns");
        columns.addObject().put("Name", "W").put("SqlType", "VARCHAR(8)").put("Mapping", "$.W");
        columns.addObject().put("Name", "N").put("SqlType", "BIGINT").put("Mapping", "$.N");
        columns.addObject().put("Name", "P").put("SqlType", "VARCHAR(1)").put("Mapping", "$.P");
        ObjectNode out = create.putArray("Outputs").addObject().put("Name", output);
        out.putObject("KinesisStreamsOutput").put("ResourceARN", destination).put("RoleARN", ROLE);
        out.putObject("DestinationSchema").put("RecordFormatType", "JSON");
        call(endpoint, "CreateApplication", create);
        String inputId = describe(endpoint, name).path("InputDescriptions").path(0).path("InputId").asText();
        ObjectNode start = JSON.createObjectNode().put("ApplicationName", name);
        start.putArray("InputConfigurations").addObject().put("Id", inputId)
                .putObject("InputStartingPositionConfiguration").put("InputStartingPosition", "TRIM_HORIZON");
        call(endpoint, "StartApplication", start);
        awaitRunning(endpoint, name);
    }

    private JsonNode describe(URI endpoint, String name) throws Exception {
        return call(endpoint, "DescribeApplication", JSON.createObjectNode().put("ApplicationName", name))
                .path("ApplicationDetail");
    }

    /** The application reaches RUNNING by itself: nothing but the restart happened since it was started. */
    private void awaitRunning(URI endpoint, String name) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        String status = describe(endpoint, name).path("ApplicationStatus").asText();
        while (!status.equals("RUNNING")) {
            assertThat(System.currentTimeMillis()).as(name + " RUNNING, still " + status).isLessThan(deadline);
            Thread.sleep(50);
            status = describe(endpoint, name).path("ApplicationStatus").asText();
        }
    }

    private JsonNode call(URI endpoint, String operation, JsonNode body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("X-Amz-Target", "KinesisAnalytics_20150814." + operation)
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(operation + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /**
     * Puts batches of numbered records with the writer's partition key until stopped, remembering the acknowledged
     * numbers; a failed call (the server is down) is retried with a new client and new numbers.
     */
    private static void write(URI endpoint, int writer, List<Long> acked, AtomicBoolean stop) {
        long next = 0;
        while (!stop.get()) {
            try (KinesisClient client = Clients.sync(endpoint, true, 0)) {
                while (!stop.get()) {
                    long first = next;
                    next += 10;
                    List<PutRecordsRequestEntry> batch = new ArrayList<>();
                    for (long n = first; n < first + 10; n++) {
                        String data = "{\"W\":\"w" + writer + "\",\"N\":" + n + ",\"P\":\"" + (n % 3 == 0 ? "b" : "a")
                                + "\"}";
                        batch.add(PutRecordsRequestEntry.builder().partitionKey("w" + writer)
                                .data(SdkBytes.fromUtf8String(data)).build());
                    }
                    PutRecordsResponse response = client.putRecords(b -> b.streamName("source").records(batch));
                    for (int i = 0; i < batch.size(); i++) {
                        if (response.records().get(i).errorCode() == null) {
                            acked.add(first + i);
                        }
                    }
                    Thread.sleep(5);
                }
            } catch (RuntimeException serverDown) {
                sleepQuietly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for the filter's output to hold every acknowledged kept record, then checks the order of first copies.
     *
     * @return how many rows are copies of an earlier row
     */
    private static int checkFilter(KinesisClient client, List<List<Long>> acked, boolean print) throws Exception {
        List<JsonNode> rows = List.of();
        Map<String, Set<Long>> missing = Map.of();
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            rows = readAll(client, "kept");
            missing = missingKept(rows, acked);
            if (missing.values().stream().allMatch(Set::isEmpty)) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(missing).as("acknowledged records that pass the filter and are missing from its output")
                .allSatisfy((writer, numbers) -> assertThat(numbers).isEmpty());
        Map<String, List<Long>> firstCopies = new HashMap<>();
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        for (JsonNode row : rows) {
            String writer = row.path("W").asText();
            long n = row.path("N").asLong();
            assertThat(n % 3).as("only rows that pass the filter").isNotZero();
            if (seen.add(writer + "/" + n)) {
                firstCopies.computeIfAbsent(writer, k -> new ArrayList<>()).add(n);
            } else {
                duplicates++;
            }
        }
        firstCopies.forEach((writer, numbers) -> assertThat(numbers).as("first copies of " + writer + " in put order")
                .isSorted());
        if (print) {
            System.out.println("filter output: " + rows.size() + " rows, " + seen.size() + " distinct");
        }
        return duplicates;
    }

    private static Map<String, Set<Long>> missingKept(List<JsonNode> rows, List<List<Long>> acked) {
        Map<String, Set<Long>> missing = new TreeMap<>();
        for (int w = 0; w < acked.size(); w++) {
            Set<Long> expected = new HashSet<>();
            for (long n : acked.get(w)) {
                if (n % 3 != 0) {
                    expected.add(n);
                }
            }
            missing.put("w" + w, expected);
        }
        for (JsonNode row : rows) {
            Set<Long> numbers = missing.get(row.path("W").asText());
            if (numbers != null) {
                numbers.remove(row.path("N").asLong());
            }
        }
        return missing;
    }

    /**
     * Waits for the window rows to cover every acknowledged record, then checks each row counts its range.
     *
     * @return {identical rows written again, rows overlapping another row with other bounds}
     */
    private static int[] checkCounts(KinesisClient client, List<List<Long>> acked, boolean print) throws Exception {
        List<Window> windows = List.of();
        Map<String, Set<Long>> uncovered = Map.of();
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            windows = readAll(client, "counts").stream().map(r -> new Window(r.path("W").asText(),
                    r.path("FIRST_N").asLong(), r.path("LAST_N").asLong(), r.path("C").asLong())).toList();
            uncovered = uncovered(windows, acked);
            if (uncovered.values().stream().allMatch(Set::isEmpty)) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(uncovered).as("acknowledged records no window counted")
                .allSatisfy((writer, numbers) -> assertThat(numbers).isEmpty());
        Map<String, TreeSet<Long>> stored = storedNumbers(client);
        for (Window window : windows) {
            TreeSet<Long> mine = stored.getOrDefault(window.writer(), new TreeSet<>());
            assertThat(window.count()).as("a window counts exactly its writer's stored records " + window)
                    .isEqualTo(mine.subSet(window.first(), true, window.last(), true).size());
        }
        Set<Window> distinct = new HashSet<>(windows);
        int identical = windows.size() - distinct.size();
        Map<String, Long> sums = new TreeMap<>();
        Map<String, List<Window>> byWriter = new HashMap<>();
        for (Window window : distinct) {
            sums.merge(window.writer(), window.count(), Long::sum);
            byWriter.computeIfAbsent(window.writer(), k -> new ArrayList<>()).add(window);
        }
        int overlapping = 0;
        for (List<Window> mine : byWriter.values()) {
            mine.sort((a, b) -> Long.compare(a.first(), b.first()));
            for (int i = 1; i < mine.size(); i++) {
                if (mine.get(i).first() <= mine.get(i - 1).last()) {
                    overlapping++;
                }
            }
        }
        for (int w = 0; w < acked.size(); w++) {
            assertThat(sums.getOrDefault("w" + w, 0L)).as("counts of w" + w + " summed over distinct windows")
                    .isGreaterThanOrEqualTo(acked.get(w).size());
        }
        if (print) {
            System.out.println("count output: " + windows.size() + " window rows, sums per writer " + sums);
        }
        return new int[] {identical, overlapping};
    }

    /**
     * The numbers of the records the source stream holds, per writer: acknowledged ones, and those whose put failed
     * at the client (the server died before answering) but was stored all the same.
     */
    private static Map<String, TreeSet<Long>> storedNumbers(KinesisClient client) throws IOException {
        Map<String, TreeSet<Long>> stored = new HashMap<>();
        for (String shard : List.of("shardId-000000000000", "shardId-000000000001")) {
            for (JsonNode row : readAll(client, "source", shard)) {
                stored.computeIfAbsent(row.path("W").asText(), k -> new TreeSet<>()).add(row.path("N").asLong());
            }
        }
        return stored;
    }

    private static Map<String, Set<Long>> uncovered(List<Window> windows, List<List<Long>> acked) {
        Map<String, Set<Long>> uncovered = new TreeMap<>();
        for (int w = 0; w < acked.size(); w++) {
            uncovered.put("w" + w, new HashSet<>(acked.get(w)));
        }
        for (Window window : windows) {
            Set<Long> numbers = uncovered.get(window.writer());
            if (numbers != null) {
                numbers.removeIf(n -> n >= window.first() && n <= window.last());
            }
        }
        return uncovered;
    }

    private static List<JsonNode> readAll(KinesisClient client, String stream) throws IOException {
        return readAll(client, stream, "shardId-000000000000");
    }

    private static List<JsonNode> readAll(KinesisClient client, String stream, String shard) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        String it = client.getShardIterator(b -> b.streamName(stream).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        while (true) {
            String current = it;
            GetRecordsResponse response = client.getRecords(b -> b.shardIterator(current));
            if (response.records().isEmpty()) {
                return rows;
            }
            for (Record record : response.records()) {
                rows.add(JSON.readTree(record.data().asUtf8String()));
            }
            it = response.nextShardIterator();
        }
    }
}
