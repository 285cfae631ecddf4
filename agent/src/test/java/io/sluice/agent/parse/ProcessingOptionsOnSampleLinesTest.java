package io.sluice.agent.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.agent.config.AgentConfigReader;
import io.sluice.agent.config.FlowConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each dataProcessingOption on the sample lines of AWS's documentation and of the log formats it names. */
class ProcessingOptionsOnSampleLinesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678Z"), ZoneOffset.UTC);
    private static final String COMMON_LINE = "64.242.88.10 - - [07/Mar/2004:16:10:02 -0800] "
            + "\"GET /mailman/listinfo/hsdivision HTTP/1.1\" 200 6291";

    private static FlowConfig flow(String flowKeys) throws Exception {
        return new AgentConfigReader(1).read("{\"flows\": [{\"filePattern\": \"/a\", \"deliveryStream\": \"d\", "
                + flowKeys + "}]}").flows().get(0);
    }

    private static String process(String options, String record) throws Exception {
        RecordProcessor processor = RecordProcessors.forFlow(flow("\"dataProcessingOptions\": " + options), CLOCK);
        return new String(processor.process(record.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void commonApacheLogGivesTheDocumentedJson() throws Exception {
        assertThat(process("[{\"optionName\": \"LOGTOJSON\", \"logFormat\": \"COMMONAPACHELOG\"}]", COMMON_LINE))
                .isEqualTo("{\"host\":\"64.242.88.10\",\"ident\":null,\"authuser\":null,"
                        + "\"datetime\":\"07/Mar/2004:16:10:02 -0800\","
                        + "\"request\":\"GET /mailman/listinfo/hsdivision HTTP/1.1\",\"response\":\"200\","
                        + "\"bytes\":\"6291\"}\n");
    }

    @Test
    void customFieldNamesRenameAFormatsFields() throws Exception {
        assertThat(process("[{\"optionName\": \"LOGTOJSON\", \"logFormat\": \"COMMONAPACHELOG\", "
                + "\"customFieldNames\": [\"f1\", \"f2\", \"f3\", \"f4\", \"f5\", \"f6\", \"f7\"]}]", COMMON_LINE))
                .isEqualTo("{\"f1\":\"64.242.88.10\",\"f2\":null,\"f3\":null,\"f4\":\"07/Mar/2004:16:10:02 -0800\","
                        + "\"f5\":\"GET /mailman/listinfo/hsdivision HTTP/1.1\",\"f6\":\"200\",\"f7\":\"6291\"}\n");
    }

    @Test
    void aRepeatedFieldNameTakesTheLastValueAtTheFirstPlaceAsAMapWritesIt() throws Exception {
        assertThat(process("[{\"optionName\": \"CSVTOJSON\", \"customFieldNames\": [\"a\", \"b\", \"a\"]}]",
                "1,2,3")).isEqualTo("{\"a\":\"3\",\"b\":\"2\"}\n");
        assertThat(process("[{\"optionName\": \"LOGTOJSON\", \"logFormat\": \"COMMONAPACHELOG\", "
                + "\"customFieldNames\": [\"f\", \"g\", \"g\", \"f\", \"h\", \"h\", \"h\"]}]", COMMON_LINE))
                .isEqualTo("{\"f\":\"07/Mar/2004:16:10:02 -0800\",\"g\":null,\"h\":\"6291\"}\n");
    }

    @Test
    void aMatchPatternPicksItsOwnFields() throws Exception {
        String options = "[{\"optionName\": \"LOGTOJSON\", \"logFormat\": \"COMMONAPACHELOG\", \"matchPattern\": "
                + "\"^([\\\\d.]+) (\\\\S+) (\\\\S+) \\\\[([\\\\w:/]+\\\\s[+\\\\-]\\\\d{4})\\\\] \\\"(.+?)\\\" (\\\\d{3})\", "
                + "\"customFieldNames\": [\"host\", \"ident\", \"authuser\", \"datetime\", \"request\", \"response\"]}]";

        assertThat(process(options, "123.45.67.89 - - [27/Oct/2000:09:27:09 -0400] "
                + "\"GET /java/javaResources.html HTTP/1.0\" 200"))
                .isEqualTo("{\"host\":\"123.45.67.89\",\"ident\":null,\"authuser\":null,"
                        + "\"datetime\":\"27/Oct/2000:09:27:09 -0400\",\"request\":\"GET /java/javaResources.html "
                        + "HTTP/1.0\",\"response\":\"200\"}\n");
    }

    @Test
    void combinedApacheLogAddsRefererAndAgent() throws Exception {
        String line = "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326 "
                + "\"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"";

        assertThat(process("[{\"optionName\": \"LOGTOJSON\", \"logFormat\": \"COMBINEDAPACHELOG\"}]", line))
                .isEqualTo("{\"host\":\"127.0.0.1\",\"ident\":null,\"authuser\":\"frank\","
                        + "\"datetime\":\"10/Oct/2000:13:55:36 -0700\",\"request\":\"GET /apache_pb.gif HTTP/1.0\","
                        + "\"response\":\"200\",\"bytes\":\"2326\",\"referer\":\"http://www.example.com/start.html\","
                        + "\"agent\":\"Mozilla/4.08 [en] (Win98; I ;Nav)\"}\n");
    }

    @Test
    void apacheErrorLogGivesItsSevenFields() throws Exception {
        String line = "[Fri Sep 09 10:42:29.902022 2011] [core:error] [pid 35708:tid 4328636416] "
                + "[client 72.15.99.187] File does not exist: /usr/local/apache2/htdocs/favicon.ico";

        assertThat(process("[{\"optionName\": \"LOGTOJSON\", \"logFormat\": \"APACHEERRORLOG\"}]", line))
                .isEqualTo("{\"timestamp\":\"Fri Sep 09 10:42:29.902022 2011\",\"module\":\"core\","
                        + "\"severity\":\"error\",\"processid\":\"35708\",\"threadid\":\"4328636416\","
                        + "\"client\":\"72.15.99.187\","
                        + "\"message\":\"File does not exist: /usr/local/apache2/htdocs/favicon.ico\"}\n");
    }

    @Test
    void apacheErrorLogWithoutModuleOrThreadHasNulls() throws Exception {
        String line = "[Wed Oct 11 14:32:52 2000] [error] [pid 42] [client 127.0.0.1] client denied by server";

        assertThat(process("[{\"optionName\": \"LOGTOJSON\", \"logFormat\": \"APACHEERRORLOG\"}]", line))
                .isEqualTo("{\"timestamp\":\"Wed Oct 11 14:32:52 2000\",\"module\":null,\"severity\":\"error\","
                        + "\"processid\":\"42\",\"threadid\":null,\"client\":\"127.0.0.1\","
                        + "\"message\":\"client denied by server\"}\n");
    }

    @Test
    void syslogGivesTimestampHostnameProgramProcessidMessage() throws Exception {
        String options = "[{\"optionName\": \"LOGTOJSON\", \"logFormat\": \"SYSLOG\"}]";

        assertThat(process(options, "Mar 12 12:00:08 server2 rcd[308]: Loaded 12 packages in 'ximian-red-carpet|351'"))
                .isEqualTo("{\"timestamp\":\"Mar 12 12:00:08\",\"hostname\":\"server2\",\"program\":\"rcd\","
                        + "\"processid\":\"308\",\"message\":\"Loaded 12 packages in 'ximian-red-carpet|351'\"}\n");
        assertThat(process(options, "Mar  2 07:16:01 web-1 CRON: pam_unix(cron:session): session closed"))
                .isEqualTo("{\"timestamp\":\"Mar  2 07:16:01\",\"hostname\":\"web-1\",\"program\":\"CRON\","
                        + "\"processid\":null,\"message\":\"pam_unix(cron:session): session closed\"}\n");
    }

    @Test
    void rfc3339SyslogReadsTheIsoTimestamp() throws Exception {
        assertThat(process("[{\"optionName\": \"LOGTOJSON\", \"logFormat\": \"RFC3339SYSLOG\"}]",
                "2018-07-11T12:00:08.123456+02:00 ip-10-0-0-1 sshd[4242]: Accepted publickey for ec2-user"))
                .isEqualTo("{\"timestamp\":\"2018-07-11T12:00:08.123456+02:00\",\"hostname\":\"ip-10-0-0-1\","
                        + "\"program\":\"sshd\",\"processid\":\"4242\","
                        + "\"message\":\"Accepted publickey for ec2-user\"}\n");
    }

    @Test
    void aLineNotInTheFormatIsRefused() {
        assertThatThrownBy(() -> process("[{\"optionName\": \"LOGTOJSON\", \"logFormat\": \"SYSLOG\"}]",
                "not a syslog line"))
                .isInstanceOf(RecordConversionException.class)
                .hasMessageContaining("SYSLOG");
    }

    @Test
    void csvWithCustomFieldsGivesTheDocumentedJson() throws Exception {
        String options = "[{\"optionName\": \"CSVTOJSON\", \"customFieldNames\": [\"f1\", \"f2\"]}]";

        assertThat(process(options, "v1,v2")).isEqualTo("{\"f1\":\"v1\",\"f2\":\"v2\"}\n");
        assertThat(process(options, "v1")).isEqualTo("{\"f1\":\"v1\",\"f2\":null}\n");
        assertThat(process(options, "v1,v2,v3")).isEqualTo("{\"f1\":\"v1\",\"f2\":\"v2\"}\n");
    }

    @Test
    void aDelimiterOfSeveralCharactersIsARegularExpressionAndOneCharacterIsItself() throws Exception {
        assertThat(process("[{\"optionName\": \"CSVTOJSON\", \"customFieldNames\": [\"a\", \"b\"], "
                + "\"delimiter\": \"\\\\s*;\\\\s*\"}]", "1 ; 2")).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}\n");
        assertThat(process("[{\"optionName\": \"CSVTOJSON\", \"customFieldNames\": [\"a\", \"b\"], "
                + "\"delimiter\": \"|\"}]", "x|y")).isEqualTo("{\"a\":\"x\",\"b\":\"y\"}\n");
        assertThat(process("[{\"optionName\": \"CSVTOJSON\", \"customFieldNames\": [\"a\", \"b\"], "
                + "\"delimiter\": \"\\t\"}]", "x\ty")).isEqualTo("{\"a\":\"x\",\"b\":\"y\"}\n");
    }

    @Test
    void aMultiLineRecordBecomesOneLineThenCsvAsInAwsDocs() throws Exception {
        FlowConfig flow = flow("\"multiLineStartPattern\": \"\\\\[SEQUENCE=\", \"dataProcessingOptions\": ["
                + "{\"optionName\": \"SINGLELINE\"}, {\"optionName\": \"CSVTOJSON\", "
                + "\"customFieldNames\": [\"field1\", \"field2\", \"field3\"], \"delimiter\": \"\\\\t\"}]");
        byte[] file = "[SEQUENCE=1]\ta\n  b\tc\n[SEQUENCE=2]\td\te\n".getBytes(StandardCharsets.UTF_8);
        RecordSplitter splitter = RecordSplitters.forFlow(flow);
        List<SplitRecord> records = new ArrayList<>(splitter.feed(file, 0, file.length, 0));
        records.addAll(splitter.finish());
        RecordProcessor processor = RecordProcessors.forFlow(flow, CLOCK);

        List<String> sent = new ArrayList<>();
        for (SplitRecord record : records) {
            sent.add(new String(processor.process(record.data()), StandardCharsets.UTF_8));
        }

        assertThat(sent).containsExactly(
                "{\"field1\":\"[SEQUENCE=1]\",\"field2\":\"ab\",\"field3\":\"c\"}\n",
                "{\"field1\":\"[SEQUENCE=2]\",\"field2\":\"d\",\"field3\":\"e\"}\n");
    }

    @Test
    void aJavaStackTraceIsOneRecordOnOneLine() throws Exception {
        FlowConfig flow = flow("\"multiLineStartPattern\": \"\\\\d{4}-\\\\d{2}-\\\\d{2} \", "
                + "\"dataProcessingOptions\": [{\"optionName\": \"SINGLELINE\"}]");
        byte[] file = ("2026-01-02 03:04:05 ERROR request failed\n"
                + "java.lang.IllegalStateException: boom\n"
                + "\tat com.example.Service.handle(Service.java:42)\n"
                + "\tat com.example.Main.main(Main.java:7)\n"
                + "2026-01-02 03:04:06 INFO next\n").getBytes(StandardCharsets.UTF_8);
        RecordSplitter splitter = RecordSplitters.forFlow(flow);
        RecordProcessor processor = RecordProcessors.forFlow(flow, CLOCK);

        List<SplitRecord> complete = splitter.feed(file, 0, file.length, 0);
        List<SplitRecord> last = splitter.finish();

        assertThat(complete).hasSize(1);
        assertThat(new String(processor.process(complete.get(0).data()), StandardCharsets.UTF_8))
                .isEqualTo("2026-01-02 03:04:05 ERROR request failedjava.lang.IllegalStateException: boom"
                        + "at com.example.Service.handle(Service.java:42)at com.example.Main.main(Main.java:7)\n");
        assertThat(last).hasSize(1);
        assertThat(new String(processor.process(last.get(0).data()), StandardCharsets.UTF_8))
                .isEqualTo("2026-01-02 03:04:06 INFO next\n");
    }

    @Test
    void addMetadataWrapsTheRecordWithTheClocksTimestamp() throws Exception {
        String options = "[{\"optionName\": \"ADDMETADATA\", \"timestamp\": \"true\", "
                + "\"metadata\": {\"env\": \"prod\", \"shard\": {\"n\": 1}}}]";

        assertThat(process(options, "a line")).isEqualTo("{\"ts\":\"2026-01-02T03:04:05.678Z\","
                + "\"metadata\":{\"env\":\"prod\",\"shard\":{\"n\":1}},\"data\":\"a line\"}\n");
        assertThat(process("[{\"optionName\": \"ADDMETADATA\", \"metadata\": {\"k\": \"v\"}}]", "x"))
                .isEqualTo("{\"metadata\":{\"k\":\"v\"},\"data\":\"x\"}\n");
    }

    @Test
    void optionsApplyInOrder() throws Exception {
        assertThat(process("[{\"optionName\": \"CSVTOJSON\", \"customFieldNames\": [\"a\"]}, "
                + "{\"optionName\": \"ADDMETADATA\", \"metadata\": {}}]", "1"))
                .isEqualTo("{\"metadata\":{},\"data\":\"{\\\"a\\\":\\\"1\\\"}\"}\n");
    }

    @Test
    void addBracketsWrapsEachRecord() throws Exception {
        assertThat(process("[{\"optionName\": \"ADDBRACKETS\"}]", "hello there")).isEqualTo("{hello there}\n");
    }

    @Test
    void prettyPrintWritesIndentedJson() throws Exception {
        assertThat(process("[{\"optionName\": \"CSVTOJSON\", \"customFieldNames\": [\"a\", \"b\"], "
                + "\"jsonFormat\": \"PRETTYPRINT\"}]", "1,2"))
                .isEqualTo("{\n  \"a\" : \"1\",\n  \"b\" : \"2\"\n}\n");
    }

    @Test
    void aRecordCutWithTheDefaultTerminatorGetsNoSecondNewline() throws Exception {
        RecordProcessor processor = RecordProcessors.forFlow(flow("\"dataProcessingOptions\": []"), CLOCK);

        assertThat(processor.process("cut\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("cut\n".getBytes(StandardCharsets.UTF_8));
    }
}
