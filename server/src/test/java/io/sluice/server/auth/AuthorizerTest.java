package io.sluice.server.auth;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthorizerTest {

    private static final String OWNER = "111122223333";
    private static final String OTHER = "444455556666";
    private static final String STREAM = "arn:aws:kinesis:us-east-1:" + OWNER + ":stream/orders";
    private static final String ALICE = "arn:aws:iam::" + OWNER + ":user/alice";
    private static final String CAROL = "arn:aws:iam::" + OTHER + ":user/carol";

    private final Map<String, String> resourcePolicies = new HashMap<>();
    private final Authorizer authorizer = new Authorizer(arn -> Optional.ofNullable(resourcePolicies.get(arn)));

    private static Policy allow(String action, String resource) {
        return statement("Allow", action, resource);
    }

    private static Policy statement(String effect, String action, String resource) {
        return Policy.parse("{\"Statement\":[{\"Effect\":\"" + effect + "\",\"Action\":\"" + action
                + "\",\"Resource\":\"" + resource + "\"}]}").asIdentityPolicy();
    }

    private static String resourcePolicy(String effect, String principal, String action) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Principal\":" + principal
                + ",\"Action\":\"" + action + "\",\"Resource\":\"" + STREAM + "\"}]}";
    }

    private static Identity alice(Policy... policies) {
        return new Identity(ALICE, OWNER, List.of(policies));
    }

    private static Identity carol(Policy... policies) {
        return new Identity(CAROL, OTHER, List.of(policies));
    }

    private void assertDenied(Identity caller, String action, String resource, String why) {
        assertThatThrownBy(() -> authorizer.authorize(caller, action, resource))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.ACCESS_DENIED);
                    assertThat(e.getMessage()).isEqualTo("User: " + caller.principalArn()
                            + " is not authorized to perform: " + action + " on resource: " + resource + " " + why);
                });
    }

    @Test
    void anIdentityPolicyAllowCoversMatchingActionsWithoutRegardToCase() {
        Identity caller = alice(allow("kinesis:get*", "arn:aws:kinesis:*:" + OWNER + ":stream/*"));

        assertThatCode(() -> authorizer.authorize(caller, "kinesis:GetRecords", STREAM)).doesNotThrowAnyException();
        assertThatCode(() -> authorizer.authorize(caller, "kinesis:GetShardIterator", STREAM))
                .doesNotThrowAnyException();
    }

    @Test
    void withoutAnyAllowTheCallIsImplicitlyDenied() {
        assertDenied(alice(), "kinesis:PutRecord", STREAM,
                "because no identity-based policy allows the kinesis:PutRecord action");
        assertDenied(alice(allow("kinesis:GetRecords", STREAM)), "kinesis:PutRecord", STREAM,
                "because no identity-based policy allows the kinesis:PutRecord action");
        assertDenied(alice(allow("kinesis:*", "arn:aws:kinesis:*:*:stream/other")), "kinesis:PutRecord", STREAM,
                "because no identity-based policy allows the kinesis:PutRecord action");
    }

    @Test
    void anExplicitDenyInAnIdentityPolicyWinsOverAnyAllow() {
        Identity caller = alice(allow("*", "*"), statement("Deny", "kinesis:Delete*", "*"));
        resourcePolicies.put(STREAM, resourcePolicy("Allow", "{\"AWS\":\"" + ALICE + "\"}", "kinesis:*"));

        assertDenied(caller, "kinesis:DeleteStream", STREAM, "with an explicit deny in an identity-based policy");
        assertThatCode(() -> authorizer.authorize(caller, "kinesis:PutRecord", STREAM)).doesNotThrowAnyException();
    }

    @Test
    void anExplicitDenyInTheResourcePolicyWinsOverAnIdentityAllow() {
        resourcePolicies.put(STREAM, resourcePolicy("Deny", "{\"AWS\":\"" + OWNER + "\"}", "kinesis:PutRecord"));

        assertDenied(alice(allow("*", "*")), "kinesis:PutRecord", STREAM,
                "with an explicit deny in a resource-based policy");
    }

    @Test
    void inTheSameAccountAResourcePolicyNamingTheUserIsEnoughAlone() {
        resourcePolicies.put(STREAM, resourcePolicy("Allow", "{\"AWS\":[\"" + ALICE + "\"]}", "kinesis:GetRecords"));

        assertThatCode(() -> authorizer.authorize(alice(), "kinesis:GetRecords", STREAM)).doesNotThrowAnyException();
        assertDenied(alice(), "kinesis:PutRecord", STREAM,
                "because no identity-based policy allows the kinesis:PutRecord action");
    }

    @Test
    void inTheSameAccountAResourcePolicyNamingOnlyTheAccountDelegatesToIdentityPolicies() {
        resourcePolicies.put(STREAM, resourcePolicy("Allow", "{\"AWS\":\"arn:aws:iam::" + OWNER + ":root\"}",
                "kinesis:*"));

        assertDenied(alice(), "kinesis:GetRecords", STREAM,
                "because no identity-based policy allows the kinesis:GetRecords action");
    }

    @Test
    void aResourcePolicyForEveryoneGrantsWithoutAnIdentityPolicyInTheSameAccount() {
        resourcePolicies.put(STREAM, resourcePolicy("Allow", "\"*\"", "kinesis:DescribeStream"));

        assertThatCode(() -> authorizer.authorize(alice(), "kinesis:DescribeStream", STREAM))
                .doesNotThrowAnyException();
    }

    @Test
    void acrossAccountsBothTheIdentityAndTheResourcePolicyMustAllow() {
        Identity allowedByIdentity = carol(allow("kinesis:*", "*"));

        assertDenied(allowedByIdentity, "kinesis:GetRecords", STREAM,
                "because no resource-based policy allows the kinesis:GetRecords action");

        resourcePolicies.put(STREAM, resourcePolicy("Allow", "{\"AWS\":\"" + OTHER + "\"}", "kinesis:GetRecords"));
        assertThatCode(() -> authorizer.authorize(allowedByIdentity, "kinesis:GetRecords", STREAM))
                .doesNotThrowAnyException();
        assertDenied(carol(), "kinesis:GetRecords", STREAM,
                "because no identity-based policy allows the kinesis:GetRecords action");
        assertDenied(allowedByIdentity, "kinesis:PutRecord", STREAM,
                "because no resource-based policy allows the kinesis:PutRecord action");
    }

    @Test
    void acrossAccountsAResourcePolicyNamingAnotherUserGrantsNothing() {
        resourcePolicies.put(STREAM, resourcePolicy("Allow", "{\"AWS\":\"arn:aws:iam::" + OTHER + ":user/dave\"}",
                "kinesis:*"));

        assertDenied(carol(allow("*", "*")), "kinesis:GetRecords", STREAM,
                "because no resource-based policy allows the kinesis:GetRecords action");
    }

    @Test
    void notPrincipalExemptsAUserOnlyWhenItsAccountIsListedToo() {
        Identity caller = alice(allow("*", "*"));
        resourcePolicies.put(STREAM, resourcePolicy("Deny", "{\"AWS\":\"" + ALICE + "\"}", "kinesis:*")
                .replace("\"Principal\"", "\"NotPrincipal\""));
        assertDenied(caller, "kinesis:PutRecord", STREAM, "with an explicit deny in a resource-based policy");

        resourcePolicies.put(STREAM, resourcePolicy("Deny", "{\"AWS\":[\"" + ALICE + "\",\"" + OWNER + "\"]}",
                "kinesis:*").replace("\"Principal\"", "\"NotPrincipal\""));
        assertThatCode(() -> authorizer.authorize(caller, "kinesis:PutRecord", STREAM)).doesNotThrowAnyException();
    }

    @Test
    void callsOnNoParticularResourceNeedAStarResource() {
        assertThatCode(() -> authorizer.authorize(alice(allow("kinesis:ListStreams", "*")), "kinesis:ListStreams",
                "*")).doesNotThrowAnyException();
        assertDenied(alice(allow("kinesis:ListStreams", "arn:aws:kinesis:*:*:stream/*")), "kinesis:ListStreams", "*",
                "because no identity-based policy allows the kinesis:ListStreams action");
    }

    @Test
    void aStoredResourcePolicyThatNoLongerParsesRefusesEverything() {
        resourcePolicies.put(STREAM, "{\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"*\","
                + "\"Resource\":\"*\",\"Condition\":{}}]}");

        assertThatThrownBy(() -> authorizer.authorize(alice(allow("*", "*")), "kinesis:PutRecord", STREAM))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.type()).isEqualTo(ErrorType.ACCESS_DENIED);
                    assertThat(e.getMessage()).contains("because its resource-based policy cannot be evaluated");
                });
    }

    @Test
    void anActionWithoutItsServicePrefixIsAProgrammingError() {
        assertThatThrownBy(() -> authorizer.authorize(alice(), "PutRecord", STREAM))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> authorizer.authorize(alice(), "kinesis:PutRecord", "orders"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
