package io.sluice.server.auth;

import io.sluice.protocol.sigv4.SigningCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsFileTest {

    @TempDir
    Path dir;

    private static final String ALICE = """
            {"name":"alice","accessKeyId":"AKIAALICE","secretAccessKey":"alice-secret","account":"111122223333",
             "policies":[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kinesis:*","Resource":"*"}]}]}""";

    private Path write(String json) throws IOException {
        Path file = dir.resolve("credentials.json");
        Files.writeString(file, json);
        return file;
    }

    private void assertRefused(String json, String message) throws IOException {
        Path file = write(json);
        assertThatThrownBy(() -> CredentialsFile.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("alice-secret"));
    }

    @Test
    void usersAreFoundByAccessKeyWithTheirPrincipalAndPolicies() throws IOException {
        CredentialsFile file = CredentialsFile.load(write("{\"users\":[" + ALICE + ",{\"name\":\"bob\","
                + "\"accessKeyId\":\"ASIABOB\",\"secretAccessKey\":\"s\",\"account\":\"444455556666\","
                + "\"sessionToken\":\"tok\"}]}"));

        User alice = file.user("AKIAALICE").orElseThrow();
        assertThat(alice.principalArn()).isEqualTo("arn:aws:iam::111122223333:user/alice");
        assertThat(alice.policies()).hasSize(1);
        assertThat(alice.identity()).isEqualTo(new Identity("arn:aws:iam::111122223333:user/alice", "111122223333",
                alice.policies()));
        assertThat(file.find("AKIAALICE")).contains(new SigningCredentials("AKIAALICE", "alice-secret", null,
                "111122223333", "arn:aws:iam::111122223333:user/alice"));
        assertThat(file.find("ASIABOB").orElseThrow().sessionToken()).isEqualTo("tok");
        assertThat(file.user("ASIABOB").orElseThrow().policies()).isEmpty();
        assertThat(file.find("AKIAUNKNOWN")).isEmpty();
    }

    @Test
    void duplicateAccessKeyIdsAreRefused() throws IOException {
        assertRefused("{\"users\":[" + ALICE + "," + ALICE.replace("\"alice\"", "\"alice2\"") + "]}",
                "users[1] (alice2): accessKeyId AKIAALICE is already used by another user");
    }

    @Test
    void theSameUserTwiceIsRefused() throws IOException {
        assertRefused("{\"users\":[" + ALICE + "," + ALICE.replace("AKIAALICE", "AKIAOTHER") + "]}",
                "user arn:aws:iam::111122223333:user/alice appears twice");
    }

    @Test
    void anAccountThatIsNotTwelveDigitsIsRefused() throws IOException {
        assertRefused("{\"users\":[" + ALICE.replace("111122223333", "1234") + "]}",
                "users[0] (alice): account must match \\d{12}, got \"1234\"");
    }

    @Test
    void aBadOrUnenforceablePolicyIsRefusedNamingTheUserAndPolicy() throws IOException {
        assertRefused("{\"users\":[" + ALICE.replace("\"Allow\"", "\"Permit\"") + "]}",
                "users[0] (alice): policies[0]: Invalid policy: Effect must be Allow or Deny.");
        assertRefused("{\"users\":[" + ALICE.replace("\"Resource\":\"*\"",
                "\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{}}") + "]}", "Condition is not supported");
        assertRefused("{\"users\":[" + ALICE.replace("\"Resource\":\"*\"",
                "\"Resource\":\"*\",\"Principal\":\"*\"") + "]}", "must not name a Principal");
    }

    @Test
    void unknownFieldsAndMissingOrMistypedFieldsAreRefused() throws IOException {
        assertRefused("{\"users\":[" + ALICE.replace("\"policies\"", "\"polices\"") + "]}",
                "unknown field \"polices\"");
        assertRefused("{\"users\":[],\"extra\":1}", "unknown field \"extra\"");
        assertRefused("{\"users\":[]}", "\"users\" must be a non-empty list");
        assertRefused("{\"users\":[" + ALICE.replace("\"secretAccessKey\":\"alice-secret\",", "") + "]}",
                "secretAccessKey must be a non-empty string");
        assertRefused("{\"users\":[" + ALICE.replace("\"alice\"", "\"al ice\"") + "]}", "name must match");
        assertRefused("{\"users\":[" + ALICE.replace("AKIAALICE", "AKIA/ALICE") + "]}", "accessKeyId must match");
        assertRefused("{\"users\":[" + ALICE.replace("\"account\"", "\"sessionToken\":\"\",\"account\"") + "]}",
                "sessionToken must be null or a non-empty string");
        assertRefused("{\"users\":", "not valid JSON");
    }

    @Test
    void errorsNeverRepeatTheSecret() throws IOException {
        Path file = write("{\"users\":[" + ALICE.replace("111122223333", "12") + "]}");

        assertThatThrownBy(() -> CredentialsFile.load(file)).satisfies(e ->
                assertThat(e.getMessage()).doesNotContain("alice-secret"));
    }
}
