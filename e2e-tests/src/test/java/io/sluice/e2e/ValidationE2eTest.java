package io.sluice.e2e;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.util.List;
import java.util.Map;

import static io.sluice.e2e.Errors.assertAwsError;
import static org.assertj.core.api.Assertions.assertThat;

/** AWS's validation through the Java SDK: one clause per broken constraint, and the tag characters AWS allows. */
class ValidationE2eTest extends SdkE2eTest {

    private static final String BAD_CHARACTERS = "Some tags contain invalid characters. Valid characters: "
            + "Unicode letters, digits, white space, _ . / = + - % @.";

    private static String arn(String name) {
        return "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;
    }

    @Test
    void anEmptyStreamNameBreaksThePatternAndTheMinimumLength() {
        AwsServiceException error = assertAwsError(() -> client.createStream(b -> b.streamName("").shardCount(1)),
                "ValidationException");
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("2 validation errors detected: "
                + "Value '' at 'streamName' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                + "Value '' at 'streamName' failed to satisfy constraint: "
                + "Member must have length greater than or equal to 1");
    }

    @Test
    void aTooLongStreamNameWithASpaceBreaksThePatternAndTheMaximumLength() {
        String name = "bad name" + "x".repeat(121);
        AwsServiceException error = assertAwsError(() -> client.describeStreamSummary(b -> b.streamName(name)),
                "ValidationException");
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("2 validation errors detected: "
                + "Value '" + name + "' at 'streamName' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                + "Value '" + name + "' at 'streamName' failed to satisfy constraint: "
                + "Member must have length less than or equal to 128");
    }

    @Test
    void createStreamRefusesTagsWithCharactersAwsDoesNotAllowAndCreatesNothing() {
        String name = KinesisContractTest.uniqueName("tagged");
        AwsServiceException error = assertAwsError(() -> client.createStream(b -> b.streamName(name).shardCount(1)
                .tags(Map.of("cost;center", "1"))), "InvalidArgumentException");
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo(BAD_CHARACTERS);
        assertAwsError(() -> client.describeStreamSummary(b -> b.streamName(name)), "ResourceNotFoundException");
    }

    @Test
    void addTagsToStreamRefusesSemicolonsTabsNewlinesAndPercentSigns() {
        String name = KinesisContractTest.uniqueName("tags");
        client.createStream(b -> b.streamName(name).shardCount(1));
        for (Map<String, String> tags : List.of(Map.of("a;b", "v"), Map.of("k", "a\tb"),
                Map.of("a\nb", "v"))) {
            assertThat(assertAwsError(() -> client.addTagsToStream(b -> b.streamName(name).tags(tags)),
                    "InvalidArgumentException").awsErrorDetails().errorMessage()).isEqualTo(BAD_CHARACTERS);
        }
        assertThat(assertAwsError(() -> client.addTagsToStream(b -> b.streamName(name).tags(Map.of("k", "5%"))),
                "InvalidArgumentException").awsErrorDetails().errorMessage())
                .isEqualTo("Failed to add tags to stream " + name + " under account 000000000000 because some tags "
                        + "contained illegal characters. The allowed characters are Unicode letters, white-spaces, "
                        + "'_',',','/','=','+','-','@'.");
        client.addTagsToStream(b -> b.streamName(name).tags(Map.of("team: data/eng", "a.b_c=d+e-f@g ü 7")));
        assertThat(client.listTagsForStream(b -> b.streamName(name)).tags()).singleElement()
                .satisfies(tag -> assertThat(tag.value()).isEqualTo("a.b_c=d+e-f@g ü 7"));
    }

    @Test
    void tagResourceOnAConsumerRefusesCharactersAwsDoesNotAllow() {
        String name = KinesisContractTest.uniqueName("consumer-tags");
        client.createStream(b -> b.streamName(name).shardCount(1));
        String consumerArn = client.registerStreamConsumer(b -> b.streamARN(arn(name)).consumerName("app"))
                .consumer().consumerARN();
        assertThat(assertAwsError(() -> client.tagResource(b -> b.resourceARN(consumerArn)
                .tags(Map.of("owner", "a\tb"))), "InvalidArgumentException").awsErrorDetails().errorMessage())
                .isEqualTo(BAD_CHARACTERS);
        assertThat(client.listTagsForResource(b -> b.resourceARN(consumerArn)).tags()).isEmpty();
    }
}
