package io.sluice.analytics.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.analytics.app.ApplicationConfig;
import io.sluice.analytics.app.ApplicationConfigurationException;
import io.sluice.analytics.app.DestinationKind;
import io.sluice.analytics.app.InputConfig;
import io.sluice.analytics.app.ReferenceConfig;
import io.sluice.analytics.format.RecordColumn;
import io.sluice.analytics.format.RecordFormat;
import io.sluice.analytics.format.SourceSchema;
import io.sluice.analytics.type.SqlType;
import io.sluice.analytics.app.SourceKind;
import io.sluice.analytics.app.StartingPosition;
import io.sluice.analytics.format.RecordFormatType;
import io.sluice.analytics.program.ErrorRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static io.sluice.analytics.host.HostFixture.app;
import static io.sluice.analytics.host.HostFixture.arn;
import static io.sluice.analytics.host.HostFixture.kinesisInput;
import static io.sluice.analytics.host.HostFixture.output;
import static io.sluice.analytics.host.HostFixture.reference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostedApplicationRunnerTest {

    private static final String OUT = TestPrograms.OUT;

    @TempDir
    Path dir;
    private HostFixture f;

    @BeforeEach
    void open() throws IOException {
        f = new HostFixture(dir);
        f.createStream("in", 2);
        f.createStream("out", 1);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private ApplicationConfig copyApp(RecordFormatType format) {
        return app("COPY", List.of(kinesisInput("in", 1)), List.of(output(OUT, DestinationKind.KINESIS_STREAM,
                arn("out"), format)), List.of());
    }

    @Test
    void rowsFlowFromTheSourceThroughTheProgramToAKinesisStreamAsJson() throws Exception {
        f.runner.start(copyApp(RecordFormatType.JSON), StartingPosition.NOW);
        f.put("in", 0, 2, "AMZN,10");
        f.put("in", 0, 2, "MSFT,20");
        f.run(2);

        assertThat(f.read("out")).containsExactly(
                "{\"TICKER\":\"AMZN\",\"PRICE\":10,\"IN_STREAM\":\"SOURCE_SQL_STREAM_001\",\"REF\":null}",
                "{\"TICKER\":\"MSFT\",\"PRICE\":20,\"IN_STREAM\":\"SOURCE_SQL_STREAM_001\",\"REF\":null}");
    }

    @Test
    void theLastRowsOfEachStreamAreKeptForAPreviewUntilTheApplicationIsDeleted() throws Exception {
        f.runner.start(copyApp(RecordFormatType.JSON), StartingPosition.NOW);
        for (String row : List.of("A,1", "B,2", "C,3", "D,4")) {
            f.put("in", 0, 2, row);
        }
        f.run(2);

        RecentRows.Preview preview = f.recentRows.of(HostFixture.APP_ARN, OUT);
        assertThat(preview.columns()).containsExactly("TICKER", "PRICE", "IN_STREAM", "REF");
        assertThat(preview.rows()).as("the oldest row made room").extracting(r -> r.values().get(0))
                .containsExactly("B", "C", "D");
        assertThat(preview.rows().get(0).values()).containsExactly("B", "2", "SOURCE_SQL_STREAM_001", null);
        assertThat(f.recentRows.of(HostFixture.APP_ARN, "NOT_A_STREAM").rows()).isEmpty();

        f.runner.delete(HostFixture.APP_ARN);
        assertThat(f.recentRows.of(HostFixture.APP_ARN, OUT).columns()).isEmpty();
    }

    @Test
    void anAppendToAnIdleShardWakesTheApplicationAndIsReadWithoutWaitingForThePoll() throws Exception {
        f.runner.start(copyApp(RecordFormatType.CSV), StartingPosition.NOW);
        f.run(1);
        assertThat(f.tasks.woken).isEmpty();

        f.put("in", 0, 1, "AMZN,10");
        assertThat(f.tasks.woken).containsExactly(ApplicationTask.taskId(HostFixture.APP_ARN));
        f.step(1);
        assertThat(f.read("out")).containsExactly("AMZN,10,SOURCE_SQL_STREAM_001,\n");

        // after a read that found records, the next (empty) read takes the signal again: the next put wakes too
        f.step(1);
        f.put("in", 0, 1, "MSFT,20");
        assertThat(f.tasks.woken).hasSize(2);
        f.step(1);
        assertThat(f.read("out")).endsWith("MSFT,20,SOURCE_SQL_STREAM_001,\n");
    }

    @Test
    void rowsFlowToAKinesisStreamAsCsv() throws Exception {
        f.runner.start(copyApp(RecordFormatType.CSV), StartingPosition.NOW);
        f.put("in", 1, 2, "AMZN,10");
        f.run(2);

        assertThat(f.read("out")).containsExactly("AMZN,10,SOURCE_SQL_STREAM_001,\n");
    }

    @Test
    void nowSkipsRecordsPutBeforeTheStartAndTrimHorizonReadsThem() throws Exception {
        f.put("in", 0, 2, "OLD,1");
        f.runner.start(copyApp(RecordFormatType.CSV), StartingPosition.NOW);
        f.put("in", 0, 2, "NEW,2");
        f.run(2);
        assertThat(f.read("out")).containsExactly("NEW,2,SOURCE_SQL_STREAM_001,\n");

        f.runner.stop(HostFixture.APP_ARN);
        f.runner.start(copyApp(RecordFormatType.CSV), StartingPosition.TRIM_HORIZON);
        f.run(2);
        assertThat(f.read("out")).containsExactly("NEW,2,SOURCE_SQL_STREAM_001,\n", "OLD,1,SOURCE_SQL_STREAM_001,\n",
                "NEW,2,SOURCE_SQL_STREAM_001,\n");
    }

    @Test
    void rowsCarryTheirArrivalTimeAndShardInTheHiddenSourceColumns() throws Exception {
        f.runner.start(app("SRC", List.of(kinesisInput("in", 1)), List.of(output(OUT,
                DestinationKind.KINESIS_STREAM, arn("out"), RecordFormatType.CSV)), List.of()),
                StartingPosition.NOW);
        long arrival = f.clock.millis();
        f.put("in", 1, 2, "AMZN,10");
        f.run(2);

        assertThat(f.read("out")).containsExactly("AMZN,10,SOURCE_SQL_STREAM_001," + arrival
                + "/shardId-000000000001\n");
    }

    @Test
    void inputParallelismSplitsTheShardsEvenlyAcrossTheInApplicationStreams() throws Exception {
        f.createStream("wide", 4);
        f.runner.start(app("COPY", List.of(kinesisInput("wide", 2)), List.of(output(OUT,
                DestinationKind.KINESIS_STREAM, arn("out"), RecordFormatType.CSV)), List.of()),
                StartingPosition.NOW);
        for (int shard = 0; shard < 4; shard++) {
            f.put("wide", shard, 4, "S" + shard + ",1");
        }
        f.run(2);

        assertThat(f.read("out")).containsExactlyInAnyOrder(
                "S0,1,SOURCE_SQL_STREAM_001,\n", "S1,1,SOURCE_SQL_STREAM_002,\n",
                "S2,1,SOURCE_SQL_STREAM_001,\n", "S3,1,SOURCE_SQL_STREAM_002,\n");
    }

    @Test
    void aCaughtUpApplicationIssuesRowtimeBoundsAtTheConfiguredInterval() throws Exception {
        f.runner.start(app("HOLD", List.of(kinesisInput("in", 1)), List.of(output(OUT,
                DestinationKind.KINESIS_STREAM, arn("out"), RecordFormatType.CSV)), List.of()),
                StartingPosition.NOW);
        f.put("in", 0, 2, "AMZN,10");
        f.step(1);
        assertThat(f.programs.pushes).isEqualTo(1);
        f.step(3);
        assertThat(f.read("out")).as("no bound within the interval").isEmpty();

        f.clock.advance(Duration.ofMillis(HostConfig.DEFAULT_ROWTIME_BOUND_INTERVAL_MILLIS));
        f.step(1);
        assertThat(f.read("out")).containsExactly("AMZN,10,SOURCE_SQL_STREAM_001,\n");
    }

    @Test
    void aFailingDestinationBackPressuresTheApplicationAndThenDeliversEverythingInOrder() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> delivered = new java.util.ArrayList<>();
        f.functions.handlers.put("fn", event -> {
            ObjectNode answer = json.createObjectNode();
            for (JsonNode record : json.readTree(event).get("records")) {
                delivered.add(new String(Base64.getDecoder().decode(record.get("data").asText()),
                        StandardCharsets.UTF_8));
                answer.withArray("records").addObject().put("recordId", record.get("recordId").asText())
                        .put("result", "Ok");
            }
            return json.writeValueAsBytes(answer);
        });
        f.runner.start(app("COPY", List.of(kinesisInput("in", 1)), List.of(output(OUT, DestinationKind.LAMBDA,
                "fn", RecordFormatType.CSV)), List.of()), StartingPosition.NOW);
        f.functions.failuresLeft = 3;
        f.put("in", 0, 2, "A,1");
        f.run(1);
        f.put("in", 0, 2, "B,2");
        f.run(1);
        assertThat(f.programs.pushes).as("nothing more is read while the destination fails").isEqualTo(1);
        assertThat(delivered).isEmpty();

        for (int i = 0; i < 20; i++) {
            f.clock.advance(Duration.ofSeconds(1));
            f.step(1);
        }
        assertThat(delivered).containsExactly("A,1,SOURCE_SQL_STREAM_001,\n", "B,2,SOURCE_SQL_STREAM_001,\n");
    }

    @Test
    void positionsSurviveARestartAndLastStoppedPointResumesWhereItStopped() throws Exception {
        f.runner.start(copyApp(RecordFormatType.CSV), StartingPosition.NOW);
        f.put("in", 0, 2, "A,1");
        f.put("in", 1, 2, "B,2");
        f.run(2);
        f.runner.stop(HostFixture.APP_ARN);
        f.put("in", 0, 2, "C,3");
        f.put("in", 1, 2, "D,4");

        f.restartRunner();
        f.runner.start(copyApp(RecordFormatType.CSV), StartingPosition.LAST_STOPPED_POINT);
        f.run(2);

        assertThat(f.read("out")).containsExactlyInAnyOrder("A,1,SOURCE_SQL_STREAM_001,\n",
                "B,2,SOURCE_SQL_STREAM_001,\n", "C,3,SOURCE_SQL_STREAM_001,\n", "D,4,SOURCE_SQL_STREAM_001,\n");
    }

    @Test
    void rowsStillHeldInAWindowAreReadAgainAfterARestart() throws Exception {
        ApplicationConfig hold = app("HOLD", List.of(kinesisInput("in", 1)), List.of(output(OUT,
                DestinationKind.KINESIS_STREAM, arn("out"), RecordFormatType.CSV)), List.of());
        f.runner.start(hold, StartingPosition.NOW);
        f.put("in", 0, 2, "A,1");
        f.step(1); // A is read
        f.clock.advance(Duration.ofSeconds(2));
        f.step(1); // caught up: the bound passes A
        f.put("in", 0, 2, "B,2");
        f.run(2); // B is read and held: the next bound is not due
        f.runner.stop(HostFixture.APP_ARN);
        assertThat(f.read("out")).containsExactly("A,1,SOURCE_SQL_STREAM_001,\n");

        f.restartRunner();
        f.runner.start(hold, StartingPosition.LAST_STOPPED_POINT);
        f.run(2);
        f.clock.advance(Duration.ofSeconds(2));
        f.run(1);
        assertThat(f.read("out")).containsExactly("A,1,SOURCE_SQL_STREAM_001,\n", "B,2,SOURCE_SQL_STREAM_001,\n");
    }

    @Test
    void aCrashBetweenOutputAndCheckpointWritesRowsTwiceButNeverLosesOne() throws Exception {
        f.runner.start(copyApp(RecordFormatType.CSV), StartingPosition.NOW);
        f.put("in", 0, 2, "A,1");
        f.run(2);
        byte[] before = f.storedPositions();
        f.put("in", 0, 2, "B,2");
        f.run(2);
        // the crash: B was written, its position never stored
        f.restorePositions(before);
        f.put("in", 0, 2, "C,3");

        f.restartRunner();
        f.runner.start(copyApp(RecordFormatType.CSV), StartingPosition.LAST_STOPPED_POINT);
        f.run(2);

        assertThat(f.read("out")).containsExactly("A,1,SOURCE_SQL_STREAM_001,\n", "B,2,SOURCE_SQL_STREAM_001,\n",
                "B,2,SOURCE_SQL_STREAM_001,\n", "C,3,SOURCE_SQL_STREAM_001,\n");
    }

    @Test
    void anOlderInstallsPositionsFileIsMovedIntoTheStoreAndTheApplicationGoesOnFromIt() throws Exception {
        f.runner.start(copyApp(RecordFormatType.CSV), StartingPosition.NOW);
        f.put("in", 0, 2, "A,1");
        f.run(2);
        f.runner.stop(HostFixture.APP_ARN);
        // as a Sluice that kept positions in files left them: the same bytes in a file, nothing in the store
        Path legacy = dir.resolve("analytics").resolve(URLEncoder.encode(HostFixture.APP_ARN, StandardCharsets.UTF_8))
                .resolve("positions");
        Files.createDirectories(legacy.getParent());
        Files.write(legacy, f.storedPositions());
        f.meta.delete(MetaPositions.key(HostFixture.APP_ARN));
        f.put("in", 0, 2, "B,2");

        f.restartRunner();
        f.runner.start(copyApp(RecordFormatType.CSV), StartingPosition.LAST_STOPPED_POINT);
        f.run(2);

        assertThat(f.read("out")).containsExactly("A,1,SOURCE_SQL_STREAM_001,\n", "B,2,SOURCE_SQL_STREAM_001,\n");
        assertThat(legacy).doesNotExist();
        assertThat(f.storedPositions()).isNotNull();
    }

    @Test
    void theReferenceTableIsLoadedAtStartAndReplacedOnUpdate() throws Exception {
        f.objects.put("arn:aws:s3:::bucket/ref.csv", "AMZN,Amazon".getBytes(StandardCharsets.UTF_8));
        ApplicationConfig first = app("REF", List.of(kinesisInput("in", 1)), List.of(output(OUT,
                DestinationKind.KINESIS_STREAM, arn("out"), RecordFormatType.CSV)), List.of(reference("ref.csv")));
        f.runner.start(first, StartingPosition.NOW);
        f.put("in", 0, 2, "AMZN,1");
        f.run(2);

        f.objects.put("arn:aws:s3:::bucket/ref.csv", "AMZN,Amazon.com".getBytes(StandardCharsets.UTF_8));
        f.runner.update(new ApplicationConfig(first.arn(), first.name(), 2, first.code(), first.inputs(),
                first.outputs(), first.references()));
        f.put("in", 0, 2, "AMZN,2");
        f.run(2);

        assertThat(f.read("out")).containsExactly("AMZN,1,SOURCE_SQL_STREAM_001,Amazon\n",
                "AMZN,2,SOURCE_SQL_STREAM_001,Amazon.com\n");
        assertThat(f.programs.pushes).as("the same run went on").isEqualTo(2);
    }

    @Test
    void rowsThatFailToDecodeReachTheErrorStreamOutput() throws Exception {
        f.createStream("errors", 1);
        f.runner.start(app("COPY", List.of(kinesisInput("in", 1)), List.of(
                output(OUT, DestinationKind.KINESIS_STREAM, arn("out"), RecordFormatType.CSV),
                output(ErrorRow.STREAM, DestinationKind.KINESIS_STREAM, arn("errors"), RecordFormatType.JSON)),
                List.of()), StartingPosition.NOW);
        f.put("in", 0, 2, "AMZN,ten");
        f.put("in", 0, 2, "AMZN,10");
        f.run(2);

        assertThat(f.read("out")).containsExactly("AMZN,10,SOURCE_SQL_STREAM_001,\n");
        assertThat(f.read("errors")).singleElement().satisfies(row -> assertThat(row)
                .contains("\"ERROR_LEVEL\":\"ERROR\"", "\"ERROR_NAME\":\"Data Exception\"",
                        "\"DATA_ROW\":\"414d5a4e2c74656e\""));
    }

    @Test
    void aDeliveryStreamSourceSeesTheRecordsItAcceptsWhileTheApplicationRuns() throws Exception {
        String hose = "arn:aws:firehose:us-east-1:000000000000:deliverystream/hose";
        f.deliveryStreams.create(hose);
        f.deliveryStreams.accept(hose, f.clock.millis(), "EARLY,1");
        f.runner.start(app("COPY", List.of(new InputConfig("1.1", "SOURCE_SQL_STREAM", 1, SourceKind.FIREHOSE,
                hose, "role", null, null, HostFixture.schema(), null)), List.of(output(OUT, DestinationKind.FIREHOSE,
                hose, RecordFormatType.CSV)), List.of()), StartingPosition.TRIM_HORIZON);
        f.deliveryStreams.accept(hose, f.clock.millis(), "LATE,2");
        f.run(1);

        assertThat(f.deliveryStreams.put.get(hose)).containsExactly("LATE,2,SOURCE_SQL_STREAM_001,\n");
    }

    @Test
    void aPreprocessingFunctionTransformsDropsAndFailsRecordsAndIsRetriedUntilItAnswers() throws Exception {
        ObjectMapper json = new ObjectMapper();
        f.functions.handlers.put("pre", event -> {
            ObjectNode answer = json.createObjectNode();
            JsonNode request = json.readTree(event);
            assertThat(request.get("streamArn").asText()).isEqualTo(arn("in"));
            for (JsonNode record : request.get("records")) {
                String data = new String(Base64.getDecoder().decode(record.get("data").asText()),
                        StandardCharsets.UTF_8);
                assertThat(record.get("recordId").asText())
                        .isEqualTo(record.at("/kinesisStreamRecordMetadata/sequenceNumber").asText());
                ObjectNode item = answer.withArray("records").addObject()
                        .put("recordId", record.get("recordId").asText());
                switch (data) {
                    case "DROP" -> item.put("result", "Dropped");
                    case "FAIL" -> item.put("result", "ProcessingFailed");
                    default -> item.put("result", "Ok").put("data", Base64.getEncoder().encodeToString(
                            (data.toUpperCase() + ",1\n" + data.toUpperCase() + ",2").getBytes(StandardCharsets.UTF_8)));
                }
            }
            return json.writeValueAsBytes(answer);
        });
        f.createStream("errors", 1);
        InputConfig input = new InputConfig("1.1", "SOURCE_SQL_STREAM", 1, SourceKind.KINESIS_STREAM, arn("in"),
                "role", "pre", "role", HostFixture.schema(), null);
        f.runner.start(app("COPY", List.of(input), List.of(
                output(OUT, DestinationKind.KINESIS_STREAM, arn("out"), RecordFormatType.CSV),
                output(ErrorRow.STREAM, DestinationKind.KINESIS_STREAM, arn("errors"), RecordFormatType.JSON)),
                List.of()), StartingPosition.NOW);
        f.functions.failuresLeft = 2;
        f.put("in", 0, 2, "amzn");
        f.put("in", 0, 2, "DROP");
        f.put("in", 0, 2, "FAIL");
        for (int i = 0; i < 5; i++) {
            f.clock.advance(Duration.ofSeconds(1));
            f.step(1);
        }

        assertThat(f.read("out")).containsExactly("AMZN,1,SOURCE_SQL_STREAM_001,\n",
                "AMZN,2,SOURCE_SQL_STREAM_001,\n");
        assertThat(f.read("errors")).singleElement().satisfies(row -> assertThat(row)
                .contains("\"ERROR_NAME\":\"Lambda_Processing_Failed\"", "\"DATA_ROW\":\"4641494c\""));
    }

    @Test
    void aParentShardIsReadToItsEndBeforeItsChildren() throws Exception {
        f.createStream("one", 1);
        f.put("one", 0, 1, "A,1");
        f.kinesis.shards().split(HostFixture.key("one"), "shardId-000000000000",
                java.math.BigInteger.ONE.shiftLeft(127));
        f.put("one", 0, 2, "B,2");
        f.put("one", 1, 2, "C,3");
        f.runner.start(app("COPY", List.of(kinesisInput("one", 1)), List.of(output(OUT,
                DestinationKind.KINESIS_STREAM, arn("out"), RecordFormatType.CSV)), List.of()),
                StartingPosition.TRIM_HORIZON);
        f.run(4);

        List<String> out = f.read("out");
        assertThat(out).containsExactlyInAnyOrder("A,1,SOURCE_SQL_STREAM_001,\n", "B,2,SOURCE_SQL_STREAM_001,\n",
                "C,3,SOURCE_SQL_STREAM_001,\n");
        assertThat(out.getFirst()).startsWith("A,");
    }

    @Test
    void anUpdateWithNewCodeRestartsFromTheStoredPositionsWithoutLosingOrRepeatingRows() throws Exception {
        ApplicationConfig copy = copyApp(RecordFormatType.CSV);
        f.runner.start(copy, StartingPosition.NOW);
        f.put("in", 0, 2, "A,1");
        f.run(2);
        f.runner.update(new ApplicationConfig(copy.arn(), copy.name(), 2, "HOLD", copy.inputs(), copy.outputs(),
                copy.references()));
        f.put("in", 0, 2, "B,2");
        f.run(2);
        assertThat(f.read("out")).as("the new code holds B until a bound").containsExactly(
                "A,1,SOURCE_SQL_STREAM_001,\n");

        f.clock.advance(Duration.ofSeconds(2));
        f.step(1);
        assertThat(f.read("out")).containsExactly("A,1,SOURCE_SQL_STREAM_001,\n", "B,2,SOURCE_SQL_STREAM_001,\n");
        assertThat(f.tasks.count()).isEqualTo(1);
    }

    @Test
    void startIsRefusedWhenTheSourceStreamDoesNotExist() {
        assertThatThrownBy(() -> f.runner.start(app("COPY", List.of(kinesisInput("missing", 1)), List.of(),
                List.of()), StartingPosition.NOW))
                .isInstanceOf(ApplicationConfigurationException.class)
                .hasMessageContaining("Kinesis stream " + arn("missing") + " does not exist");
        assertThat(f.runner.isRunning(HostFixture.APP_ARN)).isFalse();
    }

    @Test
    void startIsRefusedForADeliveryStreamThatReadsAKinesisStream() {
        String hose = "arn:aws:firehose:us-east-1:000000000000:deliverystream/from-kinesis";
        f.deliveryStreams.create(hose);

        assertThatThrownBy(() -> f.runner.start(app("COPY", List.of(new InputConfig("1.1", "SOURCE_SQL_STREAM", 1,
                SourceKind.FIREHOSE, hose, "role", null, null, HostFixture.schema(), null)), List.of(), List.of()),
                StartingPosition.NOW))
                .isInstanceOf(ApplicationConfigurationException.class)
                .hasMessageContaining("make that Kinesis stream the input instead");
    }

    @Test
    void startIsRefusedWhenADestinationDoesNotExist() {
        assertThatThrownBy(() -> f.runner.start(app("COPY", List.of(kinesisInput("in", 1)), List.of(output(OUT,
                DestinationKind.FIREHOSE, "arn:aws:firehose:us-east-1:000000000000:deliverystream/none",
                RecordFormatType.JSON)), List.of()), StartingPosition.NOW))
                .isInstanceOf(ApplicationConfigurationException.class)
                .hasMessageContaining("Firehose delivery stream")
                .hasMessageContaining("does not exist");
    }

    @Test
    void startIsRefusedWhenTheReferenceObjectIsMissingOrDoesNotParse() {
        ApplicationConfig config = app("REF", List.of(kinesisInput("in", 1)), List.of(), List.of(
                reference("ref.csv")));
        assertThatThrownBy(() -> f.runner.start(config, StartingPosition.NOW))
                .isInstanceOf(ApplicationConfigurationException.class)
                .hasMessageContaining("the object does not exist");

        ReferenceConfig numbers = new ReferenceConfig("1.1", "T", "arn:aws:s3:::bucket", "ref.csv", "role",
                new SourceSchema(RecordFormat.csv(",", "\n"), "UTF-8", List.of(
                        new RecordColumn("K", SqlType.varchar(8), null), new RecordColumn("V", SqlType.INTEGER,
                                null))));
        f.objects.put("arn:aws:s3:::bucket/ref.csv", "AMZN,1\nMSFT,two".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> f.runner.start(app("REF", config.inputs(), List.of(), List.of(numbers)),
                StartingPosition.NOW))
                .isInstanceOf(ApplicationConfigurationException.class)
                .hasMessageContaining("does not parse with its schema: Reference data line 2");
    }

    @Test
    void startIsRefusedWhenAnOutputNamesAStreamTheCodeDoesNotCreate() {
        assertThatThrownBy(() -> f.runner.start(app("COPY", List.of(kinesisInput("in", 1)), List.of(output(
                "NO_SUCH_STREAM", DestinationKind.KINESIS_STREAM, arn("out"), RecordFormatType.JSON)), List.of()),
                StartingPosition.NOW))
                .isInstanceOf(ApplicationConfigurationException.class)
                .hasMessageContaining("NO_SUCH_STREAM, which the application code does not create");
    }

    @Test
    void startIsRefusedWhenASchemaColumnTakesTheNameOfAHiddenSourceColumn() {
        SourceSchema clash = new SourceSchema(RecordFormat.csv(",", "\n"), "UTF-8", List.of(
                new RecordColumn("APPROXIMATE_ARRIVAL_TIME", SqlType.varchar(8), null)));
        InputConfig input = new InputConfig("1.1", "SOURCE_SQL_STREAM", 1, SourceKind.KINESIS_STREAM, arn("in"),
                "role", null, null, clash, null);

        assertThatThrownBy(() -> f.runner.start(app("COPY", List.of(input), List.of(), List.of()),
                StartingPosition.NOW))
                .isInstanceOf(ApplicationConfigurationException.class)
                .hasMessageContaining("APPROXIMATE_ARRIVAL_TIME");
    }

    @Test
    void theHiddenSourceColumnsAreInTheCatalogButNotVisible() {
        var type = SourceColumns.catalog(app("COPY", List.of(kinesisInput("in", 2)), List.of(), List.of()))
                .inputStreams().get("SOURCE_SQL_STREAM_002");

        assertThat(type.visible()).extracting(c -> c.name()).containsExactly("TICKER", "PRICE");
        assertThat(type.columns()).extracting(c -> c.name()).containsExactly("TICKER", "PRICE",
                "APPROXIMATE_ARRIVAL_TIME", "SHARD_ID");
    }

    @Test
    void deleteForgetsTheStoredPositions() throws Exception {
        f.runner.start(copyApp(RecordFormatType.CSV), StartingPosition.NOW);
        f.put("in", 0, 2, "A,1");
        f.run(2);
        f.runner.delete(HostFixture.APP_ARN);
        assertThat(f.storedPositions()).isNull();

        f.runner.start(copyApp(RecordFormatType.CSV), StartingPosition.LAST_STOPPED_POINT);
        f.put("in", 0, 2, "B,2");
        f.run(2);
        assertThat(f.read("out")).containsExactly("A,1,SOURCE_SQL_STREAM_001,\n", "B,2,SOURCE_SQL_STREAM_001,\n");
    }
}
