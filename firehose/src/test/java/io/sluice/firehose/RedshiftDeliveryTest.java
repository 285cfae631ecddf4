package io.sluice.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.firehose.config.BufferingHints;
import io.sluice.firehose.config.Compression;
import io.sluice.firehose.config.CopyCommand;
import io.sluice.firehose.config.Processing;
import io.sluice.firehose.config.RedshiftDestination;
import io.sluice.firehose.config.S3Settings;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import io.sluice.firehose.delivery.ObjectStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Redshift destination delivered to a real PostgreSQL, stepped by hand with a manual clock. */
class RedshiftDeliveryTest {

    @TempDir
    static Path pgDir;
    private static Postgres pg;

    @TempDir
    Path dir;
    private Fixture fx;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicBoolean storeDown = new AtomicBoolean();

    @BeforeAll
    static void startPostgres() throws IOException {
        pg = new Postgres(pgDir.resolve("data"));
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        pg.close();
    }

    @BeforeEach
    void open() throws IOException {
        LocalDirectoryObjectStore store = new LocalDirectoryObjectStore(dir.resolve("objects"));
        ObjectStore flaky = (bucket, key, body) -> {
            if (storeDown.get()) {
                throw new IOException("store unavailable");
            }
            store.put(bucket, key, body);
        };
        fx = new Fixture(dir, flaky, new DeliveryObserver() {
            @Override
            public void deliveryFailed(String stream, Target target) {
                failures.add(target.metricPrefix());
            }
        });
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private static RedshiftDestination redshift(String jdbcUrl, String table, String columns, String options,
                                                Compression compression, int retrySeconds) {
        S3Settings s3 = Fixture.s3("staging", "pg/", new BufferingHints(1, 0), compression);
        return new RedshiftDestination("arn:aws:iam::000000000000:role/firehose", jdbcUrl, "postgres", "postgres",
                new CopyCommand(table, columns, options), retrySeconds, s3, Processing.NONE, false, null, null);
    }

    @Test
    void csvRecordsAreStagedWithAManifestAndLoaded() throws Exception {
        pg.execute("CREATE TABLE csv_rows (id int, name text, note text)");
        fx.create("csv", redshift(pg.jdbcUrl(), "csv_rows", "id, name, note", "CSV", Compression.UNCOMPRESSED, 60));
        fx.put("csv", "1,alice,\"says \"\"hi\"\", twice\"\n", "2,bob,\n");
        fx.engine.runOnce();

        assertThat(pg.rows("SELECT * FROM csv_rows ORDER BY id"))
                .containsExactly("1|alice|says \"hi\", twice", "2|bob|null");
        Map<String, byte[]> objects = fx.objects("staging");
        String data = objects.keySet().stream().filter(k -> k.startsWith("pg/2023/11/14/22/")).findFirst()
                .orElseThrow();
        assertThat(data).startsWith("pg/2023/11/14/22/csv-1-2023-11-14-22-13-20-");
        String manifest = "pg/manifests/" + data.substring("pg/".length());
        assertThat(objects).containsOnlyKeys(data, manifest);
        JsonNode entries = json.readTree(objects.get(manifest)).get("entries");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("url").asText()).isEqualTo("s3://staging/" + data);
        assertThat(entries.get(0).get("mandatory").asBoolean()).isTrue();
    }

    @Test
    void jsonAutoMapsEachObjectsKeysToTheTablesColumns() throws Exception {
        pg.execute("CREATE TABLE json_rows (id int, name text, tags text, active boolean)");
        fx.create("json", redshift(pg.jdbcUrl(), "json_rows", null, "JSON 'auto'", Compression.UNCOMPRESSED, 60));
        fx.put("json", "{\"id\":1,\"name\":\"a,\\\"b\\\"\",\"tags\":[1,2],\"active\":true}\n",
                "{\"name\":\"only name\",\"id\":2,\"unknown\":5}", "{\"id\":3,\"Name\":\"case differs\"}");
        fx.engine.runOnce();

        assertThat(pg.rows("SELECT * FROM json_rows ORDER BY id")).containsExactly(
                "1|a,\"b\"|[1,2]|t", "2|only name|null|null", "3|null|null|null");
    }

    @Test
    void jsonAutoIgnorecaseMatchesKeysOfAnyCaseToTheNamedColumns() throws Exception {
        pg.execute("CREATE TABLE json_ci (id int, name text)");
        fx.create("ci", redshift(pg.jdbcUrl(), "json_ci", "name, id", "json 'auto ignorecase'",
                Compression.UNCOMPRESSED, 60));
        fx.put("ci", "{\"ID\":7,\"Name\":\"seven\"}");
        fx.engine.runOnce();

        assertThat(pg.rows("SELECT id, name FROM json_ci")).containsExactly("7|seven");
    }

    @Test
    void gzipStagedObjectsLoadTheRecordsTheyHoldWithRedshiftsTextRules() throws Exception {
        pg.execute("CREATE TABLE text_rows (id int, path text, note text)");
        fx.create("gz", redshift(pg.jdbcUrl(), "text_rows", null, "GZIP DELIMITER ',' TIMEFORMAT 'auto';",
                Compression.GZIP, 60));
        fx.put("gz", "1,C:\\temp,\\N\n", "2,plain,x\n");
        fx.engine.runOnce();

        // without ESCAPE a backslash is a plain character, as in Redshift; \N is still NULL
        assertThat(pg.rows("SELECT * FROM text_rows ORDER BY id")).containsExactly("1|C:\\temp|null", "2|plain|x");
        byte[] staged = fx.objects("staging").entrySet().stream().filter(e -> e.getKey().endsWith(".gz"))
                .findFirst().orElseThrow().getValue();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(staged))) {
            assertThat(Fixture.text(in.readAllBytes())).isEqualTo("1,C:\\temp,\\N\n2,plain,x\n");
        }
    }

    @Test
    void aBatchPostgresqlRejectsIsRetriedForTheRetryDurationThenListedInASkippedManifest() throws Exception {
        pg.execute("CREATE TABLE typed_rows (id int)");
        fx.create("bad", redshift(pg.jdbcUrl(), "typed_rows", null, "CSV", Compression.UNCOMPRESSED, 30));
        fx.put("bad", "1\n", "not a number\n");
        fx.engine.runOnce();
        assertThat(failures).containsExactly("DeliveryToRedshift");

        fx.advance(Duration.ofSeconds(10));
        fx.engine.runOnce();
        fx.advance(Duration.ofSeconds(25));
        fx.engine.runOnce();

        assertThat(pg.rows("SELECT * FROM typed_rows")).isEmpty();
        Map<String, byte[]> objects = fx.objects("staging");
        String data = objects.keySet().stream().filter(k -> k.startsWith("pg/2023/")).findFirst().orElseThrow();
        String skipped = "pg/errors/manifests/" + data.substring("pg/".length());
        assertThat(objects).containsKeys(data, "pg/manifests/" + data.substring("pg/".length()), skipped);
        assertThat(json.readTree(objects.get(skipped)).get("entries").get(0).get("url").asText())
                .isEqualTo("s3://staging/" + data);
        assertThat(Fixture.text(objects.get(data))).isEqualTo("1\nnot a number\n");

        // the stream goes on with the next batch
        fx.put("bad", "5\n");
        fx.advance(Duration.ofSeconds(1));
        fx.engine.runOnce();
        assertThat(pg.rows("SELECT * FROM typed_rows")).containsExactly("5");
    }

    @Test
    void recordsWaitWhilePostgresqlIsDownAndAreLoadedOnceWhenItIsBack() throws Exception {
        pg.execute("CREATE TABLE outage_rows (n int)");
        fx.create("outage", redshift(pg.jdbcUrl(), "outage_rows", null, "CSV", Compression.UNCOMPRESSED, 3600));
        fx.put("outage", "1\n", "2\n");
        fx.engine.runOnce();
        assertThat(pg.rows("SELECT count(*) FROM outage_rows")).containsExactly("2");

        pg.stop();
        try {
            fx.put("outage", "3\n", "4\n");
            fx.engine.runOnce();
            for (int i = 5; i < 10; i++) {
                fx.put("outage", i + "\n");
                fx.advance(Duration.ofSeconds(30));
                fx.engine.runOnce();
            }
            assertThat(failures).isNotEmpty().allMatch("DeliveryToRedshift"::equals);
        } finally {
            pg.start();
        }
        for (int i = 0; i < 5; i++) {
            fx.advance(Duration.ofMinutes(2));
            fx.engine.runOnce();
        }

        assertThat(pg.rows("SELECT n FROM outage_rows ORDER BY n"))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    @Test
    void aCopyWhoseCommitAnswerWasLostIsNotLoadedAgain() throws Exception {
        pg.execute("CREATE TABLE cut_rows (n int)");
        try (CommitCuttingProxy proxy = new CommitCuttingProxy(pg.port())) {
            String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres";
            fx.create("cut", redshift(url, "cut_rows", null, "CSV", Compression.UNCOMPRESSED, 3600));
            proxy.armOnce();
            fx.put("cut", "1\n", "2\n");
            fx.engine.runOnce();
            assertThat(proxy.hasCut()).isTrue();
            assertThat(failures).containsExactly("DeliveryToRedshift");
            assertThat(pg.rows("SELECT count(*) FROM cut_rows")).containsExactly("2"); // it did commit

            fx.advance(Duration.ofSeconds(5));
            fx.engine.runOnce(); // the retry finds the batch in the ledger
            fx.put("cut", "3\n");
            fx.advance(Duration.ofSeconds(1));
            fx.engine.runOnce();
        }
        assertThat(pg.rows("SELECT n FROM cut_rows ORDER BY n")).containsExactly("1", "2", "3");
        assertThat(failures).hasSize(1);
    }

    @Test
    void aBatchThatCouldNotBeStagedGoesToTheErrorOutputWhenGivenUp() throws Exception {
        pg.execute("CREATE TABLE unstaged_rows (n int)");
        fx.create("unstaged", redshift(pg.jdbcUrl(), "unstaged_rows", null, "CSV", Compression.UNCOMPRESSED, 20));
        storeDown.set(true);
        fx.put("unstaged", "1\n");
        fx.engine.runOnce();
        fx.advance(Duration.ofSeconds(25));
        fx.engine.runOnce(); // given up: its error records wait for the store
        storeDown.set(false);
        fx.advance(Duration.ofMinutes(3));
        fx.engine.runOnce();

        assertThat(pg.rows("SELECT * FROM unstaged_rows")).isEmpty();
        Map<String, byte[]> objects = fx.objects("staging");
        assertThat(objects.keySet()).hasSize(1).allMatch(k -> k.startsWith("redshift-failed/2023/11/14/22/"));
        JsonNode error = json.readTree(objects.values().iterator().next());
        assertThat(error.get("errorCode").asText()).isEqualTo("S3.PutObjectFailed");
        assertThat(Fixture.text(java.util.Base64.getDecoder().decode(error.get("rawData").asText()))).isEqualTo("1\n");
    }

    @Test
    void withS3BackupEnabledEverySourceRecordAlsoGoesToTheBackupBucket() throws Exception {
        pg.execute("CREATE TABLE backed_up_rows (n int)");
        RedshiftDestination plain = redshift(pg.jdbcUrl(), "backed_up_rows", null, "CSV", Compression.UNCOMPRESSED,
                60);
        fx.create("backed", new RedshiftDestination(plain.roleArn(), plain.jdbcUrl(), plain.username(),
                plain.password(), plain.copyCommand(), 60, plain.s3(), Processing.NONE, true,
                Fixture.s3("backup", "src/", new BufferingHints(1, 0), Compression.UNCOMPRESSED), null));
        fx.put("backed", "1\n", "2\n");
        fx.engine.runOnce();

        assertThat(pg.rows("SELECT n FROM backed_up_rows ORDER BY n")).containsExactly("1", "2");
        assertThat(Fixture.texts(fx.objects("backup"))).containsExactly("1\n2\n");
        assertThat(fx.objects("backup").keySet()).allMatch(k -> k.startsWith("src/2023/11/14/22/backed-1-"));
    }
}
