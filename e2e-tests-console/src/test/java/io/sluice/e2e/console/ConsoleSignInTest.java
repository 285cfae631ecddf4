package io.sluice.e2e.console;

import io.sluice.common.Clock;
import io.sluice.engine.limits.LimitSettings;
import io.sluice.server.ServerConfig;
import io.sluice.server.SluiceServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console of a server with a credentials file: it asks for a key, refuses a wrong secret, signs every call
 * with the user's key, and shows AWS's error when the user's policy refuses an action (which the audit log
 * records like any refused call); and a server with {@code console.enabled=false} serves no console.
 */
class ConsoleSignInTest {

    private static final String CREDENTIALS = """
            {"users": [
              {"name": "viewer", "accessKeyId": "AKIAVIEWER", "secretAccessKey": "viewer-secret",
               "account": "111111111111",
               "policies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                 "Action": ["kinesis:Describe*", "kinesis:List*", "kinesis:Get*"], "Resource": "*"}]}]}
            ]}
            """;

    @TempDir
    static Path dir;
    private static SluiceServer server;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        Path credentials = dir.resolve("credentials.json");
        Files.writeString(credentials, CREDENTIALS);
        ServerConfig config = ServerConfig.defaults(dir.resolve("data")).withPorts(0, -1)
                .withSecurity(credentials, dir.resolve("audit"), false);
        server = SluiceServer.start(config.withEngine(config.engine().withStatusDelays(0, 0, 0)
                .withLimits(LimitSettings.off())), Clock.system());
        browser = Browser.open();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        server.stop();
    }

    @Test
    void aDeniedActionShowsAwsErrorAfterSigningIn() throws Exception {
        browser.go("http://127.0.0.1:" + server.port() + "/console");
        browser.visible("#login");
        signIn("AKIAVIEWER", "not-the-secret");
        browser.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("alert"),
                "InvalidSignatureException"));
        browser.visible("#login");

        signIn("AKIAVIEWER", "viewer-secret");
        browser.visible("#stream-filter");
        assertThat(browser.visible("#who").getText()).contains("AKIAVIEWER");
        browser.visible("#create-open").click();
        browser.visible("#create-name").sendKeys("not-allowed");
        browser.visible("#create-submit").click();
        browser.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("alert"),
                "AccessDeniedException"));
        assertThat(browser.visible("#alert").getText())
                .contains("is not authorized to perform: kinesis:CreateStream");
        browser.screenshot("denied");
        assertThat(audit()).contains("\"eventName\":\"CreateStream\"").contains("AccessDenied");
        // the only errors are the refused calls themselves (Chromium logs each 4xx answer as a failed load)
        assertThat(browser.consoleErrors()).allMatch(e -> e.contains("Failed to load resource: the server "
                + "responded with a status of 400"));
    }

    @Test
    void aServerWithTheConsoleOffAnswers404There() throws Exception {
        ServerConfig config = ServerConfig.defaults(dir.resolve("off")).withPorts(0, -1).withConsole(false);
        try (SluiceServer off = SluiceServer.start(config, Clock.system())) {
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + off.port() + "/console")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(404);
        }
    }

    private static void signIn(String key, String secret) {
        var keyField = browser.visible("#login input[name='accessKeyId']");
        keyField.clear();
        keyField.sendKeys(key);
        var secretField = browser.visible("#login input[name='secretAccessKey']");
        secretField.clear();
        secretField.sendKeys(secret);
        browser.visible("#login button[type='submit']").click();
    }

    private static String audit() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir.resolve("audit"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }
}
