package io.sluice.server.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.analytics.app.ApplicationLimits;
import io.sluice.analytics.app.ApplicationRegistry;
import io.sluice.common.ManualClock;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.KinesisEngine;
import io.sluice.engine.PutRecordsEntry;
import io.sluice.engine.StreamKey;
import io.sluice.engine.StreamMode;
import io.sluice.engine.limits.ControlPlaneLimiter;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.engine.store.LocalMetaStore;
import io.sluice.firehose.FirehoseConfig;
import io.sluice.firehose.FirehoseEngine;
import io.sluice.firehose.delivery.DeliveryObserver;
import io.sluice.firehose.delivery.LocalDirectoryObjectStore;
import io.sluice.server.firehose.FirehoseService;
import io.sluice.server.http.ApiRequest;
import io.sluice.server.http.ApiResponse;
import io.sluice.server.pipeline.ApiPipeline;
import io.sluice.server.pipeline.Pipeline;
import io.sluice.storage.LogConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;

/** The kinesisanalytics API through the real pipeline, on a registry with a recording runner. */
class AnalyticsServiceTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/kda";
    private static final String STREAM = "arn:aws:kinesis:us-east-1:000000000000:stream/ticks";
    private static final String SCHEMA = "{\"RecordFormat\":{\"RecordFormatType\":\"JSON\","
            + "\"MappingParameters\":{\"JSONMappingParameters\":{\"RecordRowPath\":\"$\"}}},"
            + "\"RecordEncoding\":\"UTF-8\","
            + "\"RecordColumns\":[{\"Name\":\"ticker\",\"Mapping\":\"$.ticker\",\"SqlType\":\"VARCHAR(4)\"},"
            + "{\"Name\":\"price\",\"Mapping\":\"$.price\",\"SqlType\":\"DECIMAL(10,2)\"}]}";
    private static final String INPUT = "{\"NamePrefix\":\"SOURCE_SQL_STREAM\",\"KinesisStreamsInput\":"
            + "{\"ResourceARN\":\"" + STREAM + "\",\"RoleARN\":\"" + ROLE + "\"},\"InputParallelism\":{\"Count\":2},"
            + "\"InputSchema\":" + SCHEMA + "}";
    private static final String OUTPUT = "{\"Name\":\"DEST\",\"KinesisStreamsOutput\":{\"ResourceARN\":"
            + "\"arn:aws:kinesis:us-east-1:000000000000:stream/out\",\"RoleARN\":\"" + ROLE + "\"},"
            + "\"DestinationSchema\":{\"RecordFormatType\":\"JSON\"}}";
    private static final String CODE = "CREATE OR REPLACE STREAM \\\"DEST\\\" (ticker VARCHAR(4));";

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final ObjectMapper json = new ObjectMapper();
    private final Doubles.Runner runner = new Doubles.Runner();
    private final Map<String, String> objects = new java.util.HashMap<>();
    private LocalMetaStore metadata;
    private ApplicationRegistry registry;
    private KinesisEngine kinesis;
    private FirehoseEngine firehose;
    private ApiPipeline service;
    private ApiPipeline firehoseService;

    @BeforeEach
    void open() throws Exception {
        metadata = LocalMetaStore.open(dir.resolve("analytics"));
        kinesis = new KinesisEngine(dir.resolve("kinesis"), EngineConfig.defaults().withStatusDelays(0, 0, 0),
                LogConfig.defaults(), clock);
        firehose = new FirehoseEngine(FirehoseConfig.defaults(dir.resolve("firehose")).withStatusDelays(0, 0), clock,
                kinesis, new LocalDirectoryObjectStore(dir.resolve("objects")), DeliveryObserver.NONE);
        registry = new ApplicationRegistry(metadata, new Doubles.Compiler(), runner, clock,
                ApplicationLimits.defaults());
        Pipeline pipeline = Pipeline.open(true, null, new ControlPlaneLimiter(clock, LimitSettings.off()),
                new SimpleMeterRegistry());
        firehoseService = pipeline.wrap(new FirehoseService(firehose));
        service = pipeline.wrap(new AnalyticsService(registry, kinesis, firehose, (bucket, key) -> {
            String text = objects.get(bucket + "/" + key);
            if (text == null) {
                throw new NoSuchFileException(key);
            }
            return text.getBytes(StandardCharsets.UTF_8);
        }, clock));
    }

    @AfterEach
    void close() {
        registry.close();
        firehose.close();
        kinesis.close();
        metadata.close();
    }

    private record Answer(int status, String type, String message, JsonNode body) {
    }

    private Answer call(String operation, String body) throws Exception {
        ApiResponse response = service.handle(ApiRequest.post("KinesisAnalytics_20150814." + operation,
                "application/x-amz-json-1.1", null, body.getBytes(StandardCharsets.UTF_8)));
        JsonNode node = json.readTree(response.body());
        return new Answer(response.status(), node.path("__type").asText(null), node.path("message").asText(null),
                node);
    }

    private Answer ok(String operation, String body) throws Exception {
        Answer answer = call(operation, body);
        assertThat(answer.status()).as(operation + ": " + answer.body()).isEqualTo(200);
        return answer;
    }

    private void createTickers() throws Exception {
        ok("CreateApplication", "{\"ApplicationName\":\"tickers\",\"ApplicationDescription\":\"stock tickers\","
                + "\"Inputs\":[" + INPUT + "],\"Outputs\":[" + OUTPUT + "],\"ApplicationCode\":\"" + CODE + "\","
                + "\"CloudWatchLoggingOptions\":[{\"LogStreamARN\":\"arn:aws:logs:us-east-1:000000000000:log-group:g"
                + ":log-stream:s\",\"RoleARN\":\"" + ROLE + "\"}],\"Tags\":[{\"Key\":\"team\",\"Value\":\"quant\"}]}");
    }

    private JsonNode describe(String name) throws Exception {
        return ok("DescribeApplication", "{\"ApplicationName\":\"" + name + "\"}").body().get("ApplicationDetail");
    }

    private void startTickers() throws Exception {
        ok("StartApplication", "{\"ApplicationName\":\"tickers\",\"InputConfigurations\":[{\"Id\":\"1.1\","
                + "\"InputStartingPositionConfiguration\":{\"InputStartingPosition\":\"TRIM_HORIZON\"}}]}");
    }

    @Test
    void aCreatedApplicationIsDescribedWithTheModelsFields() throws Exception {
        Answer created = call("CreateApplication", "{\"ApplicationName\":\"tickers\",\"Inputs\":[" + INPUT + "]}");
        assertThat(created.body().get("ApplicationSummary").get("ApplicationARN").asText())
                .isEqualTo("arn:aws:kinesisanalytics:us-east-1:000000000000:application/tickers");
        assertThat(created.body().get("ApplicationSummary").get("ApplicationStatus").asText()).isEqualTo("READY");
        ok("DeleteApplication", "{\"ApplicationName\":\"tickers\",\"CreateTimestamp\":1700000000}");
        createTickers();

        JsonNode d = describe("tickers");
        assertThat(d.get("ApplicationName").asText()).isEqualTo("tickers");
        assertThat(d.get("ApplicationDescription").asText()).isEqualTo("stock tickers");
        assertThat(d.get("ApplicationStatus").asText()).isEqualTo("READY");
        assertThat(d.get("ApplicationVersionId").asLong()).isEqualTo(1);
        assertThat(d.get("CreateTimestamp").asDouble()).isEqualTo(1_700_000_000.0);
        assertThat(d.get("LastUpdateTimestamp").asDouble()).isEqualTo(1_700_000_000.0);
        assertThat(d.get("ApplicationCode").asText())
                .isEqualTo("CREATE OR REPLACE STREAM \"DEST\" (ticker VARCHAR(4));");
        JsonNode input = d.get("InputDescriptions").get(0);
        assertThat(input.get("InputId").asText()).isEqualTo("1.1");
        assertThat(input.get("NamePrefix").asText()).isEqualTo("SOURCE_SQL_STREAM");
        assertThat(input.get("InAppStreamNames")).extracting(JsonNode::asText)
                .containsExactly("SOURCE_SQL_STREAM_001", "SOURCE_SQL_STREAM_002");
        assertThat(input.get("InputParallelism").get("Count").asInt()).isEqualTo(2);
        assertThat(input.get("KinesisStreamsInputDescription").get("ResourceARN").asText()).isEqualTo(STREAM);
        assertThat(input.get("KinesisStreamsInputDescription").get("RoleARN").asText()).isEqualTo(ROLE);
        assertThat(input.get("InputSchema")).isEqualTo(json.readTree(SCHEMA));
        assertThat(input.get("InputStartingPositionConfiguration").size()).isZero();
        JsonNode output = d.get("OutputDescriptions").get(0);
        assertThat(output.get("OutputId").asText()).isEqualTo("1.1");
        assertThat(output.get("Name").asText()).isEqualTo("DEST");
        assertThat(output.get("KinesisStreamsOutputDescription").get("ResourceARN").asText())
                .isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/out");
        assertThat(output.get("DestinationSchema").get("RecordFormatType").asText()).isEqualTo("JSON");
        assertThat(d.get("ReferenceDataSourceDescriptions")).isEmpty();
        JsonNode logging = d.get("CloudWatchLoggingOptionDescriptions").get(0);
        assertThat(logging.get("CloudWatchLoggingOptionId").asText()).isEqualTo("1.1");
        assertThat(logging.get("RoleARN").asText()).isEqualTo(ROLE);
    }

    @Test
    void modelViolationsAreReportedTogetherWithTheirPaths() throws Exception {
        Answer answer = call("CreateApplication", "{\"ApplicationName\":\"bad name\",\"Inputs\":[{\"NamePrefix\":"
                + "\"SOURCE\",\"KinesisStreamsInput\":{\"ResourceARN\":\"" + STREAM + "\",\"RoleARN\":\"nope\"},"
                + "\"InputParallelism\":{\"Count\":65}}]}");
        assertThat(answer.type()).isEqualTo("ValidationException");
        assertThat(answer.message()).startsWith("4 validation errors detected:")
                .contains("at 'applicationName' failed to satisfy constraint: Member must satisfy regular expression",
                        "'inputs.1.member.kinesisStreamsInput.roleARN'",
                        "'inputs.1.member.inputParallelism.count' failed to satisfy constraint: Member must have value "
                                + "less than or equal to 64",
                        "Value null at 'inputs.1.member.inputSchema'");
    }

    @Test
    void anInputNamesExactlyOneSourceOfTheRightService() throws Exception {
        Answer none = call("CreateApplication", "{\"ApplicationName\":\"a\",\"Inputs\":[{\"NamePrefix\":\"S\","
                + "\"InputSchema\":" + SCHEMA + "}]}");
        assertThat(none.type()).isEqualTo("InvalidArgumentException");
        assertThat(none.message()).contains("exactly one source");
        Answer wrongService = call("CreateApplication", "{\"ApplicationName\":\"a\",\"Inputs\":["
                + INPUT.replace(STREAM, "arn:aws:sqs:us-east-1:000000000000:queue") + "]}");
        assertThat(wrongService.type()).isEqualTo("InvalidArgumentException");
        assertThat(wrongService.message()).contains("is not a Kinesis stream ARN");
        Answer noMapping = call("CreateApplication", "{\"ApplicationName\":\"a\",\"Inputs\":["
                + INPUT.replace("\"Mapping\":\"$.ticker\",", "") + "]}");
        assertThat(noMapping.type()).isEqualTo("InvalidArgumentException");
        assertThat(noMapping.message()).contains("mapping of column ticker");
        Answer badPath = call("CreateApplication", "{\"ApplicationName\":\"a\",\"Inputs\":["
                + INPUT.replace("\"Mapping\":\"$.ticker\"", "\"Mapping\":\"ticker\"") + "]}");
        assertThat(badPath.type()).isEqualTo("InvalidArgumentException");
        assertThat(badPath.message()).contains("'ticker' must start with $");
    }

    @Test
    void anUnknownApplicationIsNotFound() throws Exception {
        Answer answer = call("DescribeApplication", "{\"ApplicationName\":\"ghost\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.type()).isEqualTo("ResourceNotFoundException");
        assertThat(answer.message()).isEqualTo("Application ghost not found under account 000000000000.");
        assertThat(call("StopApplication", "{\"ApplicationName\":\"ghost\"}").type())
                .isEqualTo("ResourceNotFoundException");
    }

    @Test
    void aSecondApplicationOfTheSameNameIsInUse() throws Exception {
        createTickers();
        Answer answer = call("CreateApplication", "{\"ApplicationName\":\"tickers\"}");
        assertThat(answer.type()).isEqualTo("ResourceInUseException");
        assertThat(answer.message()).contains("tickers", "already exists");
    }

    @Test
    void anUpdateNamingAStaleVersionIsAConcurrentModification() throws Exception {
        createTickers();
        ok("AddApplicationOutput", "{\"ApplicationName\":\"tickers\",\"CurrentApplicationVersionId\":1,"
                + "\"Output\":" + OUTPUT.replace("DEST", "ERRORS") + "}");
        Answer stale = call("UpdateApplication", "{\"ApplicationName\":\"tickers\",\"CurrentApplicationVersionId\":1,"
                + "\"ApplicationUpdate\":{\"ApplicationCodeUpdate\":\"SELECT 1\"}}");
        assertThat(stale.type()).isEqualTo("ConcurrentModificationException");
        assertThat(stale.message()).contains("(1)", "(2)");
        assertThat(describe("tickers").get("ApplicationVersionId").asLong()).isEqualTo(2);
    }

    @Test
    void moreThanFiftyTagsAreTooMany() throws Exception {
        StringJoiner tags = new StringJoiner(",");
        for (int i = 0; i < 51; i++) {
            tags.add("{\"Key\":\"k" + i + "\",\"Value\":\"v\"}");
        }
        Answer answer = call("CreateApplication", "{\"ApplicationName\":\"tagged\",\"Tags\":[" + tags + "]}");
        assertThat(answer.type()).isEqualTo("TooManyTagsException");
        assertThat(answer.message()).contains("51", "50");
        createTickers();
        Answer more = call("TagResource", "{\"ResourceARN\":\"arn:aws:kinesisanalytics:us-east-1:000000000000:"
                + "application/tickers\",\"Tags\":[" + tags + "]}");
        assertThat(more.type()).isEqualTo("TooManyTagsException");
    }

    @Test
    void tagsAreSetListedAndRemovedByApplicationArn() throws Exception {
        createTickers();
        String arn = "arn:aws:kinesisanalytics:us-east-1:000000000000:application/tickers";
        ok("TagResource", "{\"ResourceARN\":\"" + arn + "\",\"Tags\":[{\"Key\":\"env\",\"Value\":\"prod\"}]}");
        ok("UntagResource", "{\"ResourceARN\":\"" + arn + "\",\"TagKeys\":[\"team\"]}");
        JsonNode tags = ok("ListTagsForResource", "{\"ResourceARN\":\"" + arn + "\"}").body().get("Tags");
        assertThat(tags).hasSize(1);
        assertThat(tags.get(0).get("Key").asText()).isEqualTo("env");
        assertThat(tags.get(0).get("Value").asText()).isEqualTo("prod");
        assertThat(describe("tickers").get("ApplicationVersionId").asLong()).isEqualTo(1);
        assertThat(call("ListTagsForResource", "{\"ResourceARN\":\"" + arn.replace("tickers", "ghost") + "\"}")
                .type()).isEqualTo("ResourceNotFoundException");
    }

    @Test
    void codeLongerThanTheModelAllowsIsAValidationError() throws Exception {
        Answer answer = call("CreateApplication", "{\"ApplicationName\":\"long\",\"ApplicationCode\":\""
                + "-".repeat(102_401) + "\"}");
        assertThat(answer.type()).isEqualTo("ValidationException");
        assertThat(answer.message()).contains("'applicationCode'",
                "Member must have length less than or equal to 102400");
    }

    @Test
    void codeThatDoesNotParseIsACodeValidationError() throws Exception {
        Answer answer = call("CreateApplication",
                "{\"ApplicationName\":\"bad\",\"ApplicationCode\":\"SELECT BROKEN\"}");
        assertThat(answer.type()).isEqualTo("CodeValidationException");
        assertThat(answer.message()).isEqualTo("SQL error at line 1, column 8: unexpected BROKEN");
    }

    @Test
    void aTypeThatIsNotASqlTypeIsAnInvalidArgument() throws Exception {
        Answer answer = call("CreateApplication", "{\"ApplicationName\":\"typo\",\"Inputs\":["
                + INPUT.replace("DECIMAL(10,2)", "DECIMEL(10,2)") + "]}");
        assertThat(answer.type()).isEqualTo("InvalidArgumentException");
        assertThat(answer.message()).contains("DECIMEL(10,2)", "price");
        assertThat(call("DescribeApplication", "{\"ApplicationName\":\"typo\"}").type())
                .isEqualTo("ResourceNotFoundException");
    }

    @Test
    void startingARunningApplicationIsInUse() throws Exception {
        createTickers();
        startTickers();
        JsonNode d = describe("tickers");
        assertThat(d.get("ApplicationStatus").asText()).isEqualTo("RUNNING");
        assertThat(d.get("InputDescriptions").get(0).get("InputStartingPositionConfiguration")
                .get("InputStartingPosition").asText()).isEqualTo("TRIM_HORIZON");
        Answer again = call("StartApplication", "{\"ApplicationName\":\"tickers\",\"InputConfigurations\":"
                + "[{\"Id\":\"1.1\",\"InputStartingPositionConfiguration\":{\"InputStartingPosition\":\"NOW\"}}]}");
        assertThat(again.type()).isEqualTo("ResourceInUseException");
        assertThat(runner.calls).containsExactly("start tickers v1 TRIM_HORIZON");
    }

    @Test
    void anApplicationThatCannotRunAnswersInvalidApplicationConfigurationAndStaysReady() throws Exception {
        ok("CreateApplication", "{\"ApplicationName\":\"lost\",\"Inputs\":[" + INPUT + "],"
                + "\"ApplicationCode\":\"SELECT * FROM MISSING_STREAM\"}");
        Answer answer = call("StartApplication", "{\"ApplicationName\":\"lost\",\"InputConfigurations\":"
                + "[{\"Id\":\"1.1\",\"InputStartingPositionConfiguration\":{\"InputStartingPosition\":\"NOW\"}}]}");
        assertThat(answer.type()).isEqualTo("InvalidApplicationConfigurationException");
        assertThat(answer.message()).contains("MISSING_STREAM does not exist");
        assertThat(describe("lost").get("ApplicationStatus").asText()).isEqualTo("READY");
    }

    @Test
    void deletingARunningApplicationStopsItFirst() throws Exception {
        createTickers();
        startTickers();
        Answer wrongTime = call("DeleteApplication", "{\"ApplicationName\":\"tickers\",\"CreateTimestamp\":1}");
        assertThat(wrongTime.type()).isEqualTo("ResourceNotFoundException");
        double created = describe("tickers").get("CreateTimestamp").asDouble();
        ok("DeleteApplication", "{\"ApplicationName\":\"tickers\",\"CreateTimestamp\":" + created + "}");
        assertThat(runner.calls).containsExactly("start tickers v1 TRIM_HORIZON", "stop tickers", "delete tickers");
        assertThat(call("DescribeApplication", "{\"ApplicationName\":\"tickers\"}").type())
                .isEqualTo("ResourceNotFoundException");
    }

    @Test
    void everyPartCanBeAddedUpdatedAndDeletedEachChangeBumpingTheVersion() throws Exception {
        ok("CreateApplication", "{\"ApplicationName\":\"parts\"}");
        ok("AddApplicationInput", "{\"ApplicationName\":\"parts\",\"CurrentApplicationVersionId\":1,\"Input\":"
                + INPUT + "}");
        ok("AddApplicationOutput", "{\"ApplicationName\":\"parts\",\"CurrentApplicationVersionId\":2,\"Output\":"
                + OUTPUT + "}");
        ok("AddApplicationReferenceDataSource", "{\"ApplicationName\":\"parts\",\"CurrentApplicationVersionId\":3,"
                + "\"ReferenceDataSource\":{\"TableName\":\"COMPANIES\",\"S3ReferenceDataSource\":{\"BucketARN\":"
                + "\"arn:aws:s3:::ref\",\"FileKey\":\"companies.csv\",\"ReferenceRoleARN\":\"" + ROLE + "\"},"
                + "\"ReferenceSchema\":{\"RecordFormat\":{\"RecordFormatType\":\"CSV\"},\"RecordColumns\":"
                + "[{\"Name\":\"ticker\",\"SqlType\":\"VARCHAR(4)\"}]}}}");
        ok("AddApplicationCloudWatchLoggingOption", "{\"ApplicationName\":\"parts\",\"CurrentApplicationVersionId\""
                + ":4,\"CloudWatchLoggingOption\":{\"LogStreamARN\":\"arn:aws:logs:x\",\"RoleARN\":\"" + ROLE + "\"}}");
        ok("AddApplicationInputProcessingConfiguration", "{\"ApplicationName\":\"parts\","
                + "\"CurrentApplicationVersionId\":5,\"InputId\":\"2.1\",\"InputProcessingConfiguration\":"
                + "{\"InputLambdaProcessor\":{\"ResourceARN\":\"arn:aws:lambda:us-east-1:000000000000:function:f\","
                + "\"RoleARN\":\"" + ROLE + "\"}}}");
        JsonNode d = describe("parts");
        assertThat(d.get("ApplicationVersionId").asLong()).isEqualTo(6);
        assertThat(d.get("InputDescriptions").get(0).get("InputId").asText()).isEqualTo("2.1");
        assertThat(d.get("OutputDescriptions").get(0).get("OutputId").asText()).isEqualTo("3.1");
        JsonNode reference = d.get("ReferenceDataSourceDescriptions").get(0);
        assertThat(reference.get("ReferenceId").asText()).isEqualTo("4.1");
        assertThat(reference.get("S3ReferenceDataSourceDescription").get("FileKey").asText())
                .isEqualTo("companies.csv");
        assertThat(reference.get("ReferenceSchema").get("RecordFormat").get("MappingParameters")
                .get("CSVMappingParameters").get("RecordColumnDelimiter").asText()).isEqualTo(",");
        assertThat(d.get("CloudWatchLoggingOptionDescriptions").get(0).get("CloudWatchLoggingOptionId").asText())
                .isEqualTo("5.1");
        assertThat(d.get("InputDescriptions").get(0).get("InputProcessingConfigurationDescription")
                .get("InputLambdaProcessorDescription").get("ResourceARN").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:f");

        Answer second = call("AddApplicationInput", "{\"ApplicationName\":\"parts\",\"CurrentApplicationVersionId\""
                + ":6,\"Input\":" + INPUT + "}");
        assertThat(second.type()).isEqualTo("InvalidArgumentException");
        assertThat(second.message()).contains("at most 1 input");

        ok("UpdateApplication", "{\"ApplicationName\":\"parts\",\"CurrentApplicationVersionId\":6,"
                + "\"ApplicationUpdate\":{\"ApplicationCodeUpdate\":\"SELECT 2\","
                + "\"InputUpdates\":[{\"InputId\":\"2.1\","
                + "\"NamePrefixUpdate\":\"IN\",\"InputParallelismUpdate\":{\"CountUpdate\":1}}],\"OutputUpdates\":"
                + "[{\"OutputId\":\"3.1\",\"DestinationSchemaUpdate\":{\"RecordFormatType\":\"CSV\"}}]}}");
        d = describe("parts");
        assertThat(d.get("ApplicationVersionId").asLong()).isEqualTo(7);
        assertThat(d.get("ApplicationCode").asText()).isEqualTo("SELECT 2");
        assertThat(d.get("InputDescriptions").get(0).get("InAppStreamNames").get(0).asText()).isEqualTo("IN_001");
        assertThat(d.get("OutputDescriptions").get(0).get("DestinationSchema").get("RecordFormatType").asText())
                .isEqualTo("CSV");

        Answer unknown = call("DeleteApplicationOutput", "{\"ApplicationName\":\"parts\","
                + "\"CurrentApplicationVersionId\":7,\"OutputId\":\"9.9\"}");
        assertThat(unknown.type()).isEqualTo("ResourceNotFoundException");
        ok("DeleteApplicationOutput", "{\"ApplicationName\":\"parts\",\"CurrentApplicationVersionId\":7,"
                + "\"OutputId\":\"3.1\"}");
        ok("DeleteApplicationReferenceDataSource", "{\"ApplicationName\":\"parts\",\"CurrentApplicationVersionId\":8,"
                + "\"ReferenceId\":\"4.1\"}");
        ok("DeleteApplicationCloudWatchLoggingOption", "{\"ApplicationName\":\"parts\","
                + "\"CurrentApplicationVersionId\":9,\"CloudWatchLoggingOptionId\":\"5.1\"}");
        ok("DeleteApplicationInputProcessingConfiguration", "{\"ApplicationName\":\"parts\","
                + "\"CurrentApplicationVersionId\":10,\"InputId\":\"2.1\"}");
        d = describe("parts");
        assertThat(d.get("ApplicationVersionId").asLong()).isEqualTo(11);
        assertThat(d.get("OutputDescriptions")).isEmpty();
        assertThat(d.get("ReferenceDataSourceDescriptions")).isEmpty();
        assertThat(d.get("CloudWatchLoggingOptionDescriptions")).isEmpty();
        assertThat(d.get("InputDescriptions").get(0).has("InputProcessingConfigurationDescription")).isFalse();
    }

    @Test
    void anInputSchemaUpdateReplacesTheFormatAndColumns() throws Exception {
        createTickers();
        ok("UpdateApplication", "{\"ApplicationName\":\"tickers\",\"CurrentApplicationVersionId\":1,"
                + "\"ApplicationUpdate\":{\"InputUpdates\":[{\"InputId\":\"1.1\",\"InputSchemaUpdate\":"
                + "{\"RecordFormatUpdate\":{\"RecordFormatType\":\"CSV\",\"MappingParameters\":"
                + "{\"CSVMappingParameters\":{\"RecordRowDelimiter\":\"\\n\",\"RecordColumnDelimiter\":\"|\"}}}}}]}}");
        JsonNode schema = describe("tickers").get("InputDescriptions").get(0).get("InputSchema");
        assertThat(schema.get("RecordFormat").get("MappingParameters").get("CSVMappingParameters")
                .get("RecordColumnDelimiter").asText()).isEqualTo("|");
        assertThat(schema.get("RecordColumns")).extracting(c -> c.get("Name").asText() + " " + c.has("Mapping"))
                .containsExactly("ticker false", "price false");

        Answer unknown = call("UpdateApplication", "{\"ApplicationName\":\"tickers\",\"CurrentApplicationVersionId\""
                + ":2,\"ApplicationUpdate\":{\"InputUpdates\":[{\"InputId\":\"7.1\",\"NamePrefixUpdate\":\"X\"}]}}");
        assertThat(unknown.type()).isEqualTo("InvalidArgumentException");
        assertThat(unknown.message()).contains("no input with id 7.1");
        Answer backToJson = call("UpdateApplication", "{\"ApplicationName\":\"tickers\","
                + "\"CurrentApplicationVersionId\":2,\"ApplicationUpdate\":{\"InputUpdates\":[{\"InputId\":\"1.1\","
                + "\"InputSchemaUpdate\":{\"RecordFormatUpdate\":{\"RecordFormatType\":\"JSON\"}}}]}}");
        assertThat(backToJson.type()).isEqualTo("InvalidArgumentException");
        assertThat(backToJson.message()).contains("mapping of column ticker");
        assertThat(describe("tickers").get("ApplicationVersionId").asLong()).isEqualTo(2);
    }

    @Test
    void aRunningApplicationIsUpdatedInPlace() throws Exception {
        createTickers();
        startTickers();
        clock.advance(Duration.ofSeconds(30));
        ok("UpdateApplication", "{\"ApplicationName\":\"tickers\",\"CurrentApplicationVersionId\":1,"
                + "\"ApplicationUpdate\":{\"ApplicationCodeUpdate\":\"SELECT 2\"}}");
        JsonNode d = describe("tickers");
        assertThat(d.get("ApplicationStatus").asText()).isEqualTo("RUNNING");
        assertThat(d.get("LastUpdateTimestamp").asDouble()).isEqualTo(1_700_000_030.0);
        assertThat(runner.calls).containsExactly("start tickers v1 TRIM_HORIZON", "update tickers v2");
        ok("StopApplication", "{\"ApplicationName\":\"tickers\"}");
        assertThat(describe("tickers").get("ApplicationStatus").asText()).isEqualTo("READY");
    }

    @Test
    void applicationsAreListedByNameInPages() throws Exception {
        for (String name : new String[] {"b", "a", "c"}) {
            ok("CreateApplication", "{\"ApplicationName\":\"" + name + "\"}");
        }
        JsonNode first = ok("ListApplications", "{\"Limit\":2}").body();
        assertThat(first.get("ApplicationSummaries")).extracting(s -> s.get("ApplicationName").asText())
                .containsExactly("a", "b");
        assertThat(first.get("HasMoreApplications").asBoolean()).isTrue();
        JsonNode rest = ok("ListApplications", "{\"ExclusiveStartApplicationName\":\"b\"}").body();
        assertThat(rest.get("ApplicationSummaries")).extracting(s -> s.get("ApplicationName").asText())
                .containsExactly("c");
        assertThat(rest.get("HasMoreApplications").asBoolean()).isFalse();
    }

    @Test
    void discoveryReadsSampleRecordsOfAStream() throws Exception {
        StreamKey ticks = new StreamKey("000000000000", "us-east-1", "ticks");
        kinesis.streams().create(ticks, 2, StreamMode.PROVISIONED, null);
        for (int i = 0; i < 3; i++) {
            kinesis.records().putRecord(ticks, new PutRecordsEntry(("{\"n\":" + i + "}")
                    .getBytes(StandardCharsets.UTF_8), "k" + i, null)).join();
        }
        JsonNode answer = ok("DiscoverInputSchema", "{\"ResourceARN\":\"" + STREAM + "\",\"RoleARN\":\"" + ROLE
                + "\",\"InputStartingPositionConfiguration\":{\"InputStartingPosition\":\"TRIM_HORIZON\"}}").body();
        assertThat(answer.get("RawInputRecords")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("{\"n\":0}", "{\"n\":1}", "{\"n\":2}");
        assertThat(answer.get("ParsedInputRecords")).extracting(row -> row.get(0).asText())
                .containsExactlyInAnyOrder("0", "1", "2");
        JsonNode schema = answer.get("InputSchema");
        assertThat(schema.get("RecordFormat").get("RecordFormatType").asText()).isEqualTo("JSON");
        assertThat(schema.get("RecordFormat").get("MappingParameters").get("JSONMappingParameters")
                .get("RecordRowPath").asText()).isEqualTo("$");
        JsonNode column = schema.get("RecordColumns").get(0);
        assertThat(column.get("Mapping").asText()).isEqualTo("$.n");
        assertThat(column.get("SqlType").asText()).isEqualTo("INTEGER");

        Answer missing = call("DiscoverInputSchema", "{\"ResourceARN\":\"" + STREAM.replace("ticks", "ghost")
                + "\",\"RoleARN\":\"" + ROLE + "\"}");
        assertThat(missing.type()).isEqualTo("InvalidArgumentException");
        assertThat(missing.message()).contains("ghost", "does not exist");
    }

    @Test
    void discoveryOnAnEmptyStreamCannotDetectASchema() throws Exception {
        kinesis.streams().create(new StreamKey("000000000000", "us-east-1", "ticks"), 1, StreamMode.PROVISIONED,
                null);
        Answer answer = call("DiscoverInputSchema", "{\"ResourceARN\":\"" + STREAM + "\",\"RoleARN\":\"" + ROLE
                + "\",\"InputStartingPositionConfiguration\":{\"InputStartingPosition\":\"NOW\"}}");
        assertThat(answer.type()).isEqualTo("UnableToDetectSchemaException");
    }

    @Test
    void discoveryReadsAWholeS3ObjectWithItsRowDelimiter() throws Exception {
        String file = "ticker,company,price\r\nAMZN,Amazon,181.5\r\nMSFT,Microsoft,410.25";
        objects.put("arn:aws:s3:::ref/companies.csv", file);
        JsonNode answer = ok("DiscoverInputSchema", "{\"S3Configuration\":{\"RoleARN\":\"" + ROLE + "\","
                + "\"BucketARN\":\"arn:aws:s3:::ref\",\"FileKey\":\"companies.csv\"}}").body();
        assertThat(answer.get("RawInputRecords")).extracting(JsonNode::asText).containsExactly(file);
        JsonNode csv = answer.get("InputSchema").get("RecordFormat").get("MappingParameters")
                .get("CSVMappingParameters");
        assertThat(csv.get("RecordRowDelimiter").asText()).isEqualTo("\r\n");
        assertThat(csv.get("RecordColumnDelimiter").asText()).isEqualTo(",");
        assertThat(answer.get("InputSchema").get("RecordColumns")).extracting(c -> c.get("Name").asText())
                .containsExactly("ticker", "company", "price");
        assertThat(answer.get("ParsedInputRecords").get(2)).extracting(JsonNode::asText)
                .containsExactly("MSFT", "Microsoft", "410.25");
        Answer missing = call("DiscoverInputSchema", "{\"S3Configuration\":{\"RoleARN\":\"" + ROLE + "\","
                + "\"BucketARN\":\"arn:aws:s3:::ref\",\"FileKey\":\"absent.csv\"}}");
        assertThat(missing.type()).isEqualTo("InvalidArgumentException");
    }

    @Test
    void discoveryOnADeliveryStreamSamplesItsSourceStreamAndRefusesDirectPut() throws Exception {
        StreamKey ticks = new StreamKey("000000000000", "us-east-1", "ticks");
        kinesis.streams().create(ticks, 1, StreamMode.PROVISIONED, null);
        kinesis.records().putRecord(ticks, new PutRecordsEntry("{\"ticker\":\"AMZN\"}".getBytes(StandardCharsets.UTF_8),
                "k", null)).join();
        String s3 = "\"ExtendedS3DestinationConfiguration\":{\"RoleARN\":\"" + ROLE + "\","
                + "\"BucketARN\":\"arn:aws:s3:::bucket\"}";
        createDeliveryStream("{\"DeliveryStreamName\":\"fromticks\",\"DeliveryStreamType\":\"KinesisStreamAsSource\","
                + "\"KinesisStreamSourceConfiguration\":{\"KinesisStreamARN\":\"" + STREAM + "\",\"RoleARN\":\"" + ROLE
                + "\"}," + s3 + "}");
        createDeliveryStream("{\"DeliveryStreamName\":\"direct\"," + s3 + "}");
        String deliveryStreams = "arn:aws:firehose:us-east-1:000000000000:deliverystream/";

        JsonNode sampled = ok("DiscoverInputSchema", "{\"ResourceARN\":\"" + deliveryStreams + "fromticks\","
                + "\"RoleARN\":\"" + ROLE + "\",\"InputStartingPositionConfiguration\":"
                + "{\"InputStartingPosition\":\"TRIM_HORIZON\"}}").body();
        assertThat(sampled.get("RawInputRecords")).extracting(JsonNode::asText)
                .containsExactly("{\"ticker\":\"AMZN\"}");

        Answer direct = call("DiscoverInputSchema", "{\"ResourceARN\":\"" + deliveryStreams + "direct\","
                + "\"RoleARN\":\"" + ROLE + "\"}");
        assertThat(direct.type()).isEqualTo("InvalidArgumentException");
        assertThat(direct.message()).contains("DirectPut", "S3Configuration");
        Answer missing = call("DiscoverInputSchema", "{\"ResourceARN\":\"" + deliveryStreams + "ghost\","
                + "\"RoleARN\":\"" + ROLE + "\"}");
        assertThat(missing.type()).isEqualTo("InvalidArgumentException");
        assertThat(missing.message()).contains("ghost", "does not exist");
    }

    private void createDeliveryStream(String body) throws Exception {
        ApiResponse response = firehoseService.handle(ApiRequest.post("Firehose_20150804.CreateDeliveryStream",
                "application/x-amz-json-1.1", null, body.getBytes(StandardCharsets.UTF_8)));
        assertThat(response.status()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    }
}
