package io.sluice.firehose.delivery;

import io.sluice.firehose.processing.ProcessedRecord;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PrefixTemplateTest {

    private static final long T = 1_700_000_000_000L; // 2023-11-14T22:13:20Z

    private static String eval(PrefixTemplate template, Map<String, String> keys, String errorType) {
        return template.evaluate(T, ZoneOffset.UTC, keys, errorType, new SplittableRandom(1));
    }

    @Test
    void anEmptyPrefixIsTheHourOfTheOldestRecord() {
        assertThat(eval(PrefixTemplate.forObjects("", false), Map.of(), null)).isEqualTo("2023/11/14/22/");
    }

    @Test
    void aPrefixWithoutATimestampGetsTheDefaultOneAppended() {
        assertThat(eval(PrefixTemplate.forObjects("logs/", false), Map.of(), null)).isEqualTo("logs/2023/11/14/22/");
    }

    @Test
    void timestampExpressionsUseJavaPatternsInTheGivenZone() {
        PrefixTemplate template = PrefixTemplate.forObjects("y=!{timestamp:yyyy}/h=!{timestamp:HH}/", false);
        assertThat(eval(template, Map.of(), null)).isEqualTo("y=2023/h=22/");
        assertThat(template.evaluate(T, ZoneId.of("Asia/Tokyo"), Map.of(), null, new SplittableRandom(1)))
                .isEqualTo("y=2023/h=07/");
    }

    @Test
    void partitionKeysComeFromTheQueryAndTheLambdaSeparately() {
        PrefixTemplate template = PrefixTemplate.forObjects(
                "c=!{partitionKeyFromQuery:customer}/l=!{partitionKeyFromLambda:customer}/", true);
        Map<String, String> keys = Map.of(ProcessedRecord.FROM_QUERY + "customer", "q",
                ProcessedRecord.FROM_LAMBDA + "customer", "l");
        assertThat(eval(template, keys, null)).isEqualTo("c=q/l=l/");
    }

    @Test
    void errorOutputGoesUnderItsTypeByDefault() {
        assertThat(eval(PrefixTemplate.forErrors(null), Map.of(), "processing-failed"))
                .isEqualTo("processing-failed/2023/11/14/22/");
        assertThat(eval(PrefixTemplate.forErrors("err/!{firehose:error-output-type}/"), Map.of(),
                "http-endpoint-failed")).isEqualTo("err/http-endpoint-failed/2023/11/14/22/");
    }

    @Test
    void randomStringsAreElevenCharacters() {
        assertThat(eval(PrefixTemplate.forObjects("!{firehose:random-string}/!{timestamp:yyyy}", false), Map.of(),
                null)).matches("[a-z0-9]{11}/2023");
    }

    @Test
    void unknownNamespacesAndBadPatternsAreReported() {
        assertThat(PrefixTemplate.problem("!{nope:x}")).contains("unknown namespace nope");
        assertThat(PrefixTemplate.problem("!{timestamp:yyyy-MM}/")).isNull();
        assertThat(PrefixTemplate.problem("!{timestamp:ppp}")).contains("DateTimeFormatter");
        assertThat(PrefixTemplate.problem("!{firehose:other}")).contains("unknown firehose value");
        assertThat(PrefixTemplate.problem("plain/")).isNull();
    }
}
