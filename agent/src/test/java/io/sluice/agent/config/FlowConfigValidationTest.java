package io.sluice.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.agent.config.FlowConfig.InitialPosition;
import io.sluice.agent.config.FlowConfig.PartitionKeyOption;
import io.sluice.agent.config.ProcessingOption.JsonFormat;
import io.sluice.agent.config.ProcessingOption.LogFormat;
import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** agent.json's flow keys and dataProcessingOptions: AWS's ranges, and the problems named. */
class FlowConfigValidationTest {

    private final AgentConfigReader reader = new AgentConfigReader(1);

    private FlowConfig flow(String keys) throws AgentConfigException {
        return reader.read("{\"flows\": [{\"filePattern\": \"/var/log/*.log\", " + keys + "}]}").flows().get(0);
    }

    private List<String> problems(String keys) {
        return catchThrowableOfType(AgentConfigException.class, () -> flow(keys)).problems();
    }

    @Test
    void everyFlowKeyIsRead() throws Exception {
        FlowConfig flow = flow("""
                "kinesisStream": "arn:aws:kinesis:us-east-1:123456789012:stream/logs",
                "partitionKeyOption": "DETERMINISTIC", "initialPosition": "START_OF_FILE",
                "maxBufferAgeMillis": 1000, "maxBufferSizeRecords": 1, "maxBufferSizeBytes": 5242880,
                "minTimeBetweenFilePollsMillis": 50, "maxTimeBetweenFileTrackerRefreshMillis": 500,
                "multiLineStartPattern": "^\\\\d", "skipHeaderLines": 1, "truncatedRecordTerminator": "...",
                "fileFooterPattern": "^END$", "retryInitialBackoffMillis": 10, "retryMaxBackoffMillis": 20,
                "publishQueueCapacity": 5, "waitOnFullPublishQueueMillis": 900000,
                "waitOnEmptyPublishQueueMillis": 1000""");

        assertThat(flow.destination().name()).isEqualTo("arn:aws:kinesis:us-east-1:123456789012:stream/logs");
        assertThat(flow.partitionKeyOption()).isEqualTo(PartitionKeyOption.DETERMINISTIC);
        assertThat(flow.initialPosition()).isEqualTo(InitialPosition.START_OF_FILE);
        assertThat(flow.maxBufferAgeMillis()).isEqualTo(1000);
        assertThat(flow.maxBufferSizeRecords()).isEqualTo(1);
        assertThat(flow.maxBufferSizeBytes()).isEqualTo(5242880);
        assertThat(flow.minTimeBetweenFilePollsMillis()).isEqualTo(50);
        assertThat(flow.maxTimeBetweenFileTrackerRefreshMillis()).isEqualTo(500);
        assertThat(flow.multiLineStartPattern().pattern()).isEqualTo("^\\d");
        assertThat(flow.skipHeaderLines()).isEqualTo(1);
        assertThat(flow.truncatedRecordTerminator()).isEqualTo("...");
        assertThat(flow.fileFooterPattern().pattern()).isEqualTo("^END$");
        assertThat(flow.retryInitialBackoffMillis()).isEqualTo(10);
        assertThat(flow.retryMaxBackoffMillis()).isEqualTo(20);
        assertThat(flow.publishQueueCapacity()).isEqualTo(5);
        assertThat(flow.waitOnFullPublishQueueMillis()).isEqualTo(900_000);
    }

    @Test
    void valuesOutsideAwsRangesAreNamed() {
        assertThat(problems("""
                "deliveryStream": "d", "maxBufferAgeMillis": 999, "maxBufferSizeRecords": 501,
                "maxBufferSizeBytes": 5242880, "skipHeaderLines": -1, "initialPosition": "MIDDLE",
                "multiLineStartPattern": "(", "partitionKeyOption": "RANDOM\"""")).containsExactlyInAnyOrder(
                "flows[0].maxBufferAgeMillis: 999 is out of range 1000..900000",
                "flows[0].maxBufferSizeRecords: 501 is out of range 1..500",
                "flows[0].maxBufferSizeBytes: 5242880 is out of range 1..4194304",
                "flows[0].skipHeaderLines: -1 is out of range 0..2147483647",
                "flows[0].initialPosition: \"MIDDLE\" is not one of START_OF_FILE, END_OF_FILE",
                "flows[0].multiLineStartPattern: \"(\" is not a valid regular expression: Unclosed group",
                "flows[0].partitionKeyOption: only for kinesisStream flows (delivery streams have no partition keys)");
    }

    @Test
    void aFlowNeedsExactlyOneDestination() {
        assertThat(problems("\"kinesisStream\": \"s\", \"deliveryStream\": \"d\""))
                .containsExactly("flows[0].deliveryStream: give either kinesisStream or deliveryStream, not both");
        assertThat(problems("\"maxBufferSizeRecords\": 10"))
                .containsExactly("flows[0].kinesisStream: missing: a flow needs kinesisStream or deliveryStream");
        assertThat(problems("\"kinesisStream\": \"bad name!\""))
                .containsExactly("flows[0].kinesisStream: \"bad name!\" is not a stream name (1-128 of a-z A-Z 0-9 "
                        + "_ . -) or ARN");
    }

    @Test
    void aggregationIsForDeliveryStreamsOnly() {
        assertThat(problems("\"kinesisStream\": \"s\", \"aggregatedRecordSizeBytes\": 100"))
                .containsExactly("flows[0].aggregatedRecordSizeBytes: only for deliveryStream flows");
    }

    @Test
    void theSameFileAndDestinationTwiceIsRefused() {
        AgentConfigException e = catchThrowableOfType(AgentConfigException.class, () -> reader.read(
                "{\"flows\": [{\"filePattern\": \"/a\", \"kinesisStream\": \"s\"}, "
                        + "{\"filePattern\": \"/a\", \"kinesisStream\": \"s\"}]}"));

        assertThat(e.problems()).containsExactly(
                "flows[1]: the same filePattern and destination as an earlier flow (/a->s)");
    }

    @Test
    void everyProcessingOptionIsRead() throws Exception {
        FlowConfig flow = flow("""
                "deliveryStream": "d", "dataProcessingOptions": [
                  {"optionName": "SINGLELINE"},
                  {"optionName": "CSVTOJSON", "customFieldNames": ["a", "b"], "delimiter": "\\\\t"},
                  {"optionName": "LOGTOJSON", "logFormat": "SYSLOG", "jsonFormat": "PRETTYPRINT"},
                  {"optionName": "LOGTOJSON", "logFormat": "COMMONAPACHELOG", "matchPattern": "(\\\\S+) (.*)",
                   "customFieldNames": ["host", "rest"]},
                  {"optionName": "ADDMETADATA", "timestamp": "true", "metadata": {"b": 1, "a": null}},
                  {"optionName": "ADDBRACKETS"}]""");

        List<ProcessingOption> options = flow.processing();
        assertThat(options).hasSize(6);
        assertThat(options.get(0)).isEqualTo(new ProcessingOption.SingleLine());
        assertThat(options.get(1)).isEqualTo(new ProcessingOption.CsvToJson(List.of("a", "b"), "\\t",
                JsonFormat.COMPACT));
        ProcessingOption.LogToJson syslog = (ProcessingOption.LogToJson) options.get(2);
        assertThat(syslog.logFormat()).isEqualTo(LogFormat.SYSLOG);
        assertThat(syslog.matchPattern()).isNull();
        assertThat(syslog.jsonFormat()).isEqualTo(JsonFormat.PRETTYPRINT);
        ProcessingOption.LogToJson custom = (ProcessingOption.LogToJson) options.get(3);
        assertThat(custom.matchPattern().pattern()).isEqualTo("(\\S+) (.*)");
        assertThat(custom.customFieldNames()).containsExactly("host", "rest");
        ProcessingOption.AddMetadata metadata = (ProcessingOption.AddMetadata) options.get(4);
        assertThat(metadata.timestamp()).isTrue();
        assertThat(metadata.metadata()).containsExactly(Map.entry("b", 1), new SimpleEntry<>("a", null));
        assertThat(options.get(5)).isEqualTo(new ProcessingOption.AddBrackets());
    }

    @Test
    void ec2MetadataAndPluginsAreRefusedByName() {
        assertThat(problems("\"kinesisStream\": \"s\", \"dataProcessingOptions\": [{\"optionName\": "
                + "\"ADDEC2METADATA\", \"logFormat\": \"SYSLOG\"}, {\"optionName\": \"USINGPLUGGIN\", "
                + "\"className\": \"x.Y\"}]")).containsExactly(
                "flows[0].dataProcessingOptions[0].optionName: ADDEC2METADATA is not supported yet: Sluice's agent "
                        + "does not read the EC2 instance metadata service",
                "flows[0].dataProcessingOptions[0].logFormat: unknown key",
                "flows[0].dataProcessingOptions[1].optionName: USINGPLUGGIN is not supported: Sluice's agent loads "
                        + "no converter classes",
                "flows[0].dataProcessingOptions[1].className: unknown key");
    }

    @Test
    void processingOptionProblemsAreNamed() {
        assertThat(problems("""
                "kinesisStream": "s", "dataProcessingOptions": [
                  {"optionName": "CSVTOJSON"},
                  {"optionName": "LOGTOJSON"},
                  {"optionName": "LOGTOJSON", "logFormat": "SYSLOG", "customFieldNames": ["a"]},
                  {"optionName": "LOGTOJSON", "logFormat": "SYSLOG", "matchPattern": "(a)(b)"},
                  {"optionName": "LOGTOJSON", "logFormat": "SYSLOG", "matchPattern": "(a)", "customFieldNames": []},
                  {"optionName": "ADDMETADATA", "metadata": "x"},
                  {"optionName": "UPPERCASE"},
                  {"optionName": "SINGLELINE", "jsonFormat": "COMPACT"}]""")).containsExactly(
                "flows[0].dataProcessingOptions[0].customFieldNames: required for CSVTOJSON: the field names, in "
                        + "column order",
                "flows[0].dataProcessingOptions[1].logFormat: required for LOGTOJSON: COMMONAPACHELOG, "
                        + "COMBINEDAPACHELOG, APACHEERRORLOG, SYSLOG or RFC3339SYSLOG",
                "flows[0].dataProcessingOptions[2].customFieldNames: 1 names, but SYSLOG has 5 fields "
                        + "[timestamp, hostname, program, processid, message]; give matchPattern for other fields",
                "flows[0].dataProcessingOptions[3].customFieldNames: required with matchPattern: one name per "
                        + "capturing group (2)",
                "flows[0].dataProcessingOptions[4].customFieldNames: 0 names for the 1 capturing groups of "
                        + "matchPattern",
                "flows[0].dataProcessingOptions[5].metadata: \"x\" is not a JSON object",
                "flows[0].dataProcessingOptions[6].optionName: \"UPPERCASE\" is not one of SINGLELINE, CSVTOJSON, "
                        + "LOGTOJSON, ADDMETADATA, ADDBRACKETS",
                "flows[0].dataProcessingOptions[7].jsonFormat: unknown key");
    }
}
