package io.sluice.server.auth;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyTest {

    static final String STREAM = "arn:aws:kinesis:us-east-1:111122223333:stream/orders";

    private static void assertInvalid(String json, String message) {
        assertThatThrownBy(() -> Policy.parse(json)).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.type()).isEqualTo(ErrorType.INVALID_ARGUMENT);
            assertThat(e.getMessage()).startsWith("Invalid policy: ").contains(message);
        });
    }

    @Test
    void aSingleStatementObjectAndStringElementsAreAccepted() {
        Policy policy = Policy.parse("""
                {"Version":"2012-10-17","Id":"p1","Statement":{"Sid":"s","Effect":"Deny",
                 "Action":"kinesis:Delete*","Resource":"*"}}""");

        assertThat(policy.statements()).hasSize(1);
        Statement statement = policy.statements().getFirst();
        assertThat(statement.effect()).isEqualTo(Effect.DENY);
        assertThat(statement.covers("kinesis:DeleteStream", STREAM)).isTrue();
        assertThat(statement.covers("kinesis:PutRecord", STREAM)).isFalse();
    }

    @Test
    void notActionAndNotResourceCoverEverythingTheyDoNotName() {
        Statement statement = Policy.parse("""
                {"Statement":[{"Effect":"Allow","NotAction":["kinesis:Delete*"],
                 "NotResource":"arn:aws:kinesis:*:*:stream/secret*"}]}""").statements().getFirst();

        assertThat(statement.covers("kinesis:PutRecord", STREAM)).isTrue();
        assertThat(statement.covers("kinesis:DeleteStream", STREAM)).isFalse();
        assertThat(statement.covers("kinesis:PutRecord", "arn:aws:kinesis:us-east-1:1:stream/secrets")).isFalse();
    }

    @Test
    void principalsAreNormalisedToAccountsAndArns() {
        Statement statement = Policy.parse("""
                {"Statement":[{"Effect":"Allow","Action":"kinesis:*","Resource":"*","Principal":{
                 "AWS":["444455556666","arn:aws:iam::777788889999:root","arn:aws:iam::111122223333:user/bob"],
                 "Service":"firehose.amazonaws.com"}}]}""").statements().getFirst();

        assertThat(statement.principals().accounts()).containsExactlyInAnyOrder("444455556666", "777788889999");
        assertThat(statement.principals().arns()).containsExactly("arn:aws:iam::111122223333:user/bob");
        assertThat(statement.principals().everyone()).isFalse();
    }

    @Test
    void conditionsAreRefusedRatherThanIgnored() {
        assertInvalid("""
                {"Statement":[{"Effect":"Deny","Action":"*","Resource":"*",
                 "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""", "Condition is not supported");
    }

    @Test
    void malformedDocumentsAreRefusedWithWhatIsWrong() {
        assertInvalid("{not json", "not valid JSON");
        assertInvalid("[]", "must be a JSON object");
        assertInvalid("{\"Statement\":[]}", "at least one Statement");
        assertInvalid("{\"Version\":\"2020-01-01\",\"Statement\":[]}", "Version must be");
        assertInvalid("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}],\"Extra\":1}",
                "unknown element Extra");
        assertInvalid("{\"Statement\":[{\"Effect\":\"allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
                "Effect must be Allow or Deny");
        assertInvalid("{\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"*\"}]}",
                "exactly one of Action and NotAction");
        assertInvalid("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"NotAction\":\"*\",\"Resource\":\"*\"}]}",
                "exactly one of Action and NotAction");
        assertInvalid("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\"}]}",
                "exactly one of Resource and NotResource");
        assertInvalid("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"PutRecord\",\"Resource\":\"*\"}]}",
                "Action 'PutRecord' is not '*' or service:Action");
        assertInvalid("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"*\"}]}",
                "non-empty list of strings");
        assertInvalid("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"stream/orders\"}]}",
                "Resource 'stream/orders' is not '*' or an ARN");
        assertInvalid("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Principal\":"
                + "{\"AWS\":\"alice\"}}]}", "principal 'alice' is not an account id or an IAM ARN");
        assertInvalid("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Principal\":"
                + "{\"Martian\":\"x\"}}]}", "unknown principal type Martian");
        assertInvalid("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Principal\":\"*\","
                + "\"NotPrincipal\":\"*\"}]}", "not both");
    }

    @Test
    void duplicateKeysAreRefusedInsteadOfPickingOne() {
        assertInvalid("{\"Statement\":[{\"Effect\":\"Allow\",\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
                "not valid JSON");
    }

    @Test
    void identityPoliciesMayNotNamePrincipalsAndResourcePoliciesMust() {
        String withPrincipal = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\","
                + "\"Resource\":\"*\"}]}";
        String without = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";

        assertThat(Policy.parse(withPrincipal).asResourcePolicy().statements()).hasSize(1);
        assertThat(Policy.parse(without).asIdentityPolicy().statements()).hasSize(1);
        assertThatThrownBy(() -> Policy.parse(withPrincipal).asIdentityPolicy())
                .hasMessageContaining("must not name a Principal");
        assertThatThrownBy(() -> Policy.parse(without).asResourcePolicy())
                .hasMessageContaining("needs a Principal or NotPrincipal");
    }
}
