package io.sluice.e2e.console;

import io.sluice.testkit.SluiceServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console in headless Chromium against a real server without a credentials file (it opens without a
 * login): create a stream, put a record from the tail page and see it arrive, split a shard and see the lineage
 * redrawn, keep up with 1,000 records a second in the tail, look at the server and Firehose pages, delete the
 * stream; the browser's console log stays free of errors. Screenshots go to target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    @RegisterExtension
    static final SluiceServerExtension SERVER = new SluiceServerExtension();
    private static final String STREAM = "console-orders";

    private static Browser browser;
    private static String console;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.open();
        console = "http://127.0.0.1:" + SERVER.port() + "/console";
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private static KinesisClient client() {
        return KinesisClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + SERVER.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    @Test
    @Order(1)
    void theAssetsAreServedFromTheJarWithTheirTypesAndRevalidation() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(console)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("cache-control")).hasValue("no-cache");
        assertThat(page.headers().firstValue("content-security-policy").orElseThrow()).contains("default-src 'self'");
        String etag = page.headers().firstValue("etag").orElseThrow();
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(console + "/"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        HttpResponse<String> chart = http.send(HttpRequest.newBuilder(URI.create(console + "/uPlot.esm.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chart.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(console + "/../pom.xml")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void createsAStreamFromTheStreamsPage() throws Exception {
        browser.go(console);
        browser.visible("#create-open").click();
        browser.visible("#create-name").sendKeys(STREAM);
        WebElement shards = browser.visible("#create-shards");
        shards.clear();
        shards.sendKeys("2");
        browser.visible("#create-tags").sendKeys("team=data");
        browser.visible("#create-submit").click();
        browser.waiting(15).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("tr[data-stream='" + STREAM + "']"), "ACTIVE"));
        assertThat(browser.visible("tr[data-stream='" + STREAM + "']").getText()).contains("PROVISIONED");
        assertThat(client().listTagsForStream(b -> b.streamName(STREAM)).tags())
                .anySatisfy(tag -> assertThat(tag.key() + "=" + tag.value()).isEqualTo("team=data"));
        browser.screenshot("created");
    }

    @Test
    @Order(3)
    void aRecordPutFromTheTailPageArrivesInTheTail() throws Exception {
        browser.go(console + "#/tail/" + STREAM);
        browser.visible("#tail-start").click();
        browser.waiting(10).until(ExpectedConditions.textToBe(By.id("tail-status"), "connected"));
        browser.visible("#put-data").sendKeys("{\"order\":42,\"item\":\"teapot\"}");
        browser.visible("#put-submit").click();
        browser.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("tail-records"),
                "teapot"));
        new org.openqa.selenium.support.ui.Select(browser.visible("#tail-format")).selectByValue("json");
        browser.waiting(5).until(ExpectedConditions.textToBePresentInElementLocated(By.id("tail-records"),
                "\"order\": 42"));
        browser.screenshot("tail");
    }

    @Test
    @Order(4)
    void theTailKeepsUpWithAThousandRecordsASecond() throws Exception {
        browser.go(console + "#/streams");
        browser.visible("tr[data-stream='" + STREAM + "'] a[href^='#/tail/']").click();
        browser.visible("#tail-start").click();
        browser.waiting(10).until(ExpectedConditions.textToBe(By.id("tail-status"), "connected"));
        Thread.sleep(1500);
        assertThat(browser.visible("#tail-count").getText()).isEqualTo("0");
        int seconds = 5;
        int perTick = 100;
        try (KinesisClient kinesis = client()) {
            long start = System.nanoTime();
            for (int tick = 0; tick < seconds * 10; tick++) {
                List<PutRecordsRequestEntry> entries = new ArrayList<>();
                for (int i = 0; i < perTick; i++) {
                    entries.add(PutRecordsRequestEntry.builder().partitionKey("k" + i)
                            .data(SdkBytes.fromString("load " + tick + "/" + i, StandardCharsets.UTF_8)).build());
                }
                assertThat(kinesis.putRecords(b -> b.streamName(STREAM).records(entries)).failedRecordCount())
                        .isZero();
                long next = start + (tick + 1) * 100_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        }
        int expected = seconds * 10 * perTick;
        browser.waiting(15).until(d -> Integer.parseInt(d.findElement(By.id("tail-count")).getText()) >= expected);
        assertThat(browser.visible("#tail-records").getText()).doesNotContain("teapot");
        assertThat(browser.visible("#tail-count").getText()).isEqualTo(String.valueOf(expected));
        assertThat(browser.visible("#tail-status").getText()).isEqualTo("connected");

        // stopped and started again on the same page: a new tail from LATEST, counting from zero
        browser.visible("#tail-stop").click();
        browser.waiting(5).until(ExpectedConditions.textToBe(By.id("tail-status"), "not connected"));
        browser.visible("#tail-start").click();
        browser.waiting(10).until(ExpectedConditions.textToBe(By.id("tail-status"), "connected"));
        Thread.sleep(1000);
        assertThat(browser.visible("#tail-count").getText()).isEqualTo("0");
        try (KinesisClient kinesis = client()) {
            for (int i = 0; i < 3; i++) {
                int n = i;
                kinesis.putRecord(b -> b.streamName(STREAM).partitionKey("again")
                        .data(SdkBytes.fromString("again " + n, StandardCharsets.UTF_8)));
            }
        }
        browser.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("tail-records"),
                "again 2"));
        Thread.sleep(500);
        assertThat(browser.visible("#tail-count").getText()).isEqualTo("3");
    }

    @Test
    @Order(5)
    void splittingAShardRedrawsTheLineage() throws Exception {
        browser.go(console + "#/stream/" + STREAM);
        // selected with the keyboard, as a user without a mouse would
        browser.visible("rect[data-shard-id='shardId-000000000000']").sendKeys(Keys.ENTER);
        assertThat(browser.visible("rect[data-shard-id='shardId-000000000000']").getAttribute("aria-pressed"))
                .isEqualTo("true");
        browser.waiting(5).until(ExpectedConditions.elementToBeClickable(By.id("split"))).click();
        browser.waiting(15).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#lineage g[data-shard-id='shardId-000000000000'][data-state='closed']")));
        browser.waiting(10).until(d -> d.findElements(By.cssSelector("#lineage g[data-state='open']")).size() == 3);
        assertThat(browser.driver.findElements(By.cssSelector("#lineage line[data-edge^='shardId-000000000000>']")))
                .hasSize(2);
        browser.waiting(10).until(d -> d.findElements(By.cssSelector("#shard-map rect.shard")).size() == 3);
        browser.driver.executeScript("document.getElementById('shard-map').previousElementSibling"
                + ".previousElementSibling.scrollIntoView()");
        browser.screenshot("stream");
    }

    @Test
    @Order(6)
    void theServerFirehoseAndApplicationsPagesShowWithoutErrors() throws Exception {
        // the history is sampled every 10 seconds: by now the load above is in the table's sparklines
        browser.go(console + "#/streams");
        browser.waiting(25).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-stream='" + STREAM + "'] svg.spark polyline")));
        browser.screenshot("streams");
        browser.go(console + "#/server");
        assertThat(browser.visible("#server-version").getText()).isNotBlank();
        browser.waiting(5).until(ExpectedConditions.textToBePresentInElementLocated(By.id("disk"), STREAM));
        browser.screenshot("server");
        try (FirehoseClient firehose = FirehoseClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + SERVER.port())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                .httpClientBuilder(ApacheHttpClient.builder()).build()) {
            firehose.createDeliveryStream(b -> b.deliveryStreamName("console-audit")
                    .extendedS3DestinationConfiguration(d -> d.roleARN("arn:aws:iam::000000000000:role/firehose")
                            .bucketARN("arn:aws:s3:::console").bufferingHints(hb -> hb.sizeInMBs(1)
                                    .intervalInSeconds(60))));
            browser.waiting(10).until(d -> firehose.describeDeliveryStream(r -> r.deliveryStreamName("console-audit"))
                    .deliveryStreamDescription().deliveryStreamStatus() == DeliveryStreamStatus.ACTIVE);
            // an endpoint nobody listens on: the record goes to http-endpoint-failed/ once its one retry is over
            firehose.createDeliveryStream(b -> b.deliveryStreamName("console-hook")
                    .httpEndpointDestinationConfiguration(d -> d.endpointConfiguration(e -> e.url(closedPortUrl()))
                            .bufferingHints(hb -> hb.sizeInMBs(1).intervalInSeconds(0))
                            .retryOptions(o -> o.durationInSeconds(1))
                            .s3Configuration(c -> c.roleARN("arn:aws:iam::000000000000:role/firehose")
                                    .bucketARN("arn:aws:s3:::console-errors")
                                    .bufferingHints(hb -> hb.sizeInMBs(1).intervalInSeconds(0)))));
            browser.waiting(10).until(d -> firehose.describeDeliveryStream(r -> r.deliveryStreamName("console-hook"))
                    .deliveryStreamDescription().deliveryStreamStatus() == DeliveryStreamStatus.ACTIVE);
            firehose.putRecord(r -> r.deliveryStreamName("console-hook")
                    .record(x -> x.data(SdkBytes.fromUtf8String("{\"order\":\"lost-1\"}"))));
        }
        browser.go(console + "#/firehose");
        String row = browser.visible("tr[data-delivery-stream='console-audit']").getText();
        assertThat(row).contains("ACTIVE").contains("ExtendedS3").contains("1 MiB / 60 s").contains("Direct PUT");
        // the page reads the error output when it opens: open it again until the failed record is there
        WebElement errors = browser.waiting(30).until(d -> {
            d.navigate().refresh();
            return browser.waiting(5).until(ExpectedConditions.presenceOfElementLocated(By.id("error-records")))
                    .findElements(By.cssSelector("section[data-error-records='console-hook'] tbody tr"))
                    .stream().findFirst().orElse(null);
        });
        assertThat(errors.getText()).contains("http-endpoint-failed").contains("HttpEndpoint.")
                .contains("{\"order\":\"lost-1\"}");
        assertThat(browser.driver.findElements(By.cssSelector("section[data-error-records='console-audit']")))
                .isEmpty();
        assertThat(browser.driver.findElement(By.id("alert")).isDisplayed()).isFalse();
        browser.visible("#theme").click();
        String theme = browser.driver.findElement(By.tagName("html")).getAttribute("data-theme");
        assertThat(theme).isIn("dark", "light");
        if (theme.equals("light")) {
            browser.visible("#theme").click();
        }
        assertThat(browser.driver.findElement(By.tagName("html")).getAttribute("data-theme")).isEqualTo("dark");
        browser.screenshot("firehose-dark");
        browser.visible("#theme").click();
        browser.go(console + "#/apps");
        browser.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("mappings"),
                "No event source mappings."));
        assertThat(browser.visible("#applications").getText()).isEqualTo("No analytics applications.");
        assertThat(browser.driver.findElement(By.id("alert")).isDisplayed()).isFalse();
    }

    @Test
    @Order(7)
    void theApplicationsPageShowsAnApplicationsStatusSqlAndALivePreviewOfItsRows() throws Exception {
        String source;
        try (KinesisClient kinesis = client()) {
            kinesis.createStream(b -> b.streamName("console-ticks").shardCount(1));
            kinesis.waiter().waitUntilStreamExists(b -> b.streamName("console-ticks"));
            source = kinesis.describeStreamSummary(b -> b.streamName("console-ticks")).streamDescriptionSummary()
                    .streamARN();
        }
        String code = "CREATE OR REPLACE STREAM \\\"EXPENSIVE\\\" (TICKER VARCHAR(8), PRICE INTEGER);\\n"
                + "CREATE OR REPLACE PUMP \\\"P\\\" AS INSERT INTO \\\"EXPENSIVE\\\" SELECT STREAM TICKER, PRICE "
                + "FROM \\\"SOURCE_SQL_STREAM_001\\\" WHERE PRICE > 10;";
        analytics("CreateApplication", "{\"ApplicationName\":\"console-app\",\"ApplicationCode\":\"" + code
                + "\",\"Inputs\":[{\"NamePrefix\":\"SOURCE_SQL_STREAM\",\"KinesisStreamsInput\":{\"ResourceARN\":\""
                + source + "\",\"RoleARN\":\"arn:aws:iam::000000000000:role/kda\"},\"InputSchema\":{"
                + "\"RecordEncoding\":\"UTF-8\",\"RecordFormat\":{\"RecordFormatType\":\"JSON\","
                + "\"MappingParameters\":{\"JSONMappingParameters\":{\"RecordRowPath\":\"$\"}}},\"RecordColumns\":["
                + "{\"Name\":\"TICKER\",\"SqlType\":\"VARCHAR(8)\",\"Mapping\":\"$.TICKER\"},"
                + "{\"Name\":\"PRICE\",\"SqlType\":\"INTEGER\",\"Mapping\":\"$.PRICE\"}]}}]}");
        String described = analytics("DescribeApplication", "{\"ApplicationName\":\"console-app\"}");
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"InputId\":\"([^\"]+)\"").matcher(described);
        assertThat(id.find()).as(described).isTrue();
        analytics("StartApplication", "{\"ApplicationName\":\"console-app\",\"InputConfigurations\":[{\"Id\":\""
                + id.group(1) + "\",\"InputStartingPositionConfiguration\":{\"InputStartingPosition\":"
                + "\"TRIM_HORIZON\"}}]}");
        try (KinesisClient kinesis = client()) {
            for (String tick : List.of("{\"TICKER\":\"CHEAP\",\"PRICE\":3}", "{\"TICKER\":\"AMZN\",\"PRICE\":42}")) {
                kinesis.putRecord(b -> b.streamName("console-ticks").partitionKey("p")
                        .data(SdkBytes.fromUtf8String(tick)));
            }
        }
        browser.go(console + "#/apps");
        // the page may show #/apps already: load it again for the new application
        browser.driver.navigate().refresh();
        WebElement app = browser.visible("section[data-application='console-app']");
        browser.waiting(20).until(d -> {
            if (!app.getText().contains("RUNNING")) {
                d.navigate().refresh();
            }
            return browser.visible("section[data-application='console-app']").getText().contains("RUNNING");
        });
        WebElement section = browser.visible("section[data-application='console-app']");
        section.findElement(By.tagName("summary")).click();
        assertThat(section.findElement(By.cssSelector("pre.sql")).getText()).contains("CREATE OR REPLACE PUMP");
        // the preview polls the rows the application keeps writing to EXPENSIVE: only the row its WHERE keeps
        browser.waiting(20).until(d -> d.findElement(By.cssSelector("section[data-application='console-app'] "
                + ".preview")).getText().contains("AMZN"));
        String preview = browser.visible("section[data-application='console-app'] .preview").getText();
        assertThat(preview).contains("TICKER").contains("PRICE").contains("42").doesNotContain("CHEAP");
        browser.screenshot("applications");
    }

    @Test
    @Order(8)
    void theApplicationsPageShowsAMappingsStateAndItsLag() throws Exception {
        com.sun.net.httpserver.HttpServer function = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        function.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        function.start();
        try (KinesisClient kinesis = client()) {
            String source = kinesis.describeStreamSummary(b -> b.streamName("console-ticks"))
                    .streamDescriptionSummary().streamARN();
            HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + SERVER.port() + "/2015-03-31/event-source-mappings/"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=k/20260101/us-east-1/lambda/"
                            + "aws4_request, SignedHeaders=host, Signature=0")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"FunctionName\":\"http://127.0.0.1:"
                            + function.getAddress().getPort() + "/\",\"EventSourceArn\":\"" + source
                            + "\",\"StartingPosition\":\"TRIM_HORIZON\",\"BatchSize\":10}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
            java.util.regex.Matcher uuid = java.util.regex.Pattern.compile("\"UUID\":\"([^\"]+)\"")
                    .matcher(created.body());
            assertThat(uuid.find()).isTrue();
            // the history is sampled every 10 seconds: wait for a sample with the mapping's invocations in it
            String row = "#mappings tr[data-id='" + uuid.group(1) + "']";
            browser.go(console + "#/apps");
            browser.waiting(30).until(d -> {
                kinesis.putRecord(b -> b.streamName("console-ticks").partitionKey("p")
                        .data(SdkBytes.fromUtf8String("{\"TICKER\":\"LAG\",\"PRICE\":1}")));
                d.navigate().refresh();
                return browser.waiting(5).until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector(row + " svg.spark[aria-label^='Invocations per second']")))
                        .getAttribute("aria-label").matches(".*: [0-9.]+[kM]? now");
            });
            String text = browser.visible(row).getText();
            assertThat(text).contains("Enabled").contains(source);
            assertThat(browser.visible(row + " svg.spark[aria-label^='Iterator age']").getAttribute("aria-label"))
                    .matches(".*: [0-9.]+[kM]? now");
            browser.screenshot("mappings");
        } finally {
            function.stop(0);
        }
    }

    private static String analytics(String operation, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + SERVER.port() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "KinesisAnalytics_20150814." + operation)
                // an open server takes any key; the signature is not checked
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=k/20260101/us-east-1/kinesisanalytics/"
                        + "aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(operation + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static String closedPortUrl() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(9)
    void theBrowserLoggedNoErrorsOnTheWay() {
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    @Order(10)
    void deletesTheStreamAfterConfirmation() throws Exception {
        browser.go(console + "#/streams");
        browser.visible("tr[data-stream='" + STREAM + "'] button.danger").click();
        WebElement confirm = browser.visible("#confirm-yes");
        assertThat(confirm.isEnabled()).isFalse();
        browser.visible("#confirm-name").sendKeys(STREAM);
        confirm.click();
        // the row first shows DELETING; absent, not merely invisible: Selenium's invisibility also holds for a
        // row that a refresh replaced between the look-up and the check, while the stream was still listed
        browser.waiting(15).until(driver -> driver.findElements(
                By.cssSelector("tr[data-stream='" + STREAM + "']")).isEmpty());
        assertThat(client().listStreams().streamNames()).doesNotContain(STREAM);
    }

    /**
     * After the delete, a refresh of the table that listed the stream just before it went may have its
     * DescribeStreamSummary answered ResourceNotFoundException (the page drops the row); Chromium logs that 400 as
     * a failed load, which is the only error allowed here.
     */
    @Test
    @Order(11)
    void theBrowserLoggedNoScriptErrors() {
        assertThat(browser.consoleErrors()).allMatch(e -> e.contains("Failed to load resource: the server "
                + "responded with a status of 400"));
        assertThat(Files.exists(java.nio.file.Path.of(System.getProperty("sluice.console.screenshots",
                "target/screenshots"), "streams.png"))).isTrue();
    }

    /** Runs last: the dropped connection logs network errors in the browser's console, which are expected here. */
    @Test
    @Order(12)
    void theTailReconnectsAfterADroppedConnectionAndShowsEachRecordOnce() throws Exception {
        try (DroppingProxy proxy = new DroppingProxy(SERVER.port()); KinesisClient kinesis = client()) {
            browser.go("http://127.0.0.1:" + proxy.port() + "/console#/tail/console-ticks");
            browser.visible("#tail-start").click();
            browser.waiting(10).until(ExpectedConditions.textToBe(By.id("tail-status"), "connected"));
            kinesis.putRecord(b -> b.streamName("console-ticks").partitionKey("p")
                    .data(SdkBytes.fromUtf8String("before-drop")));
            browser.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("tail-records"),
                    "before-drop"));
            proxy.dropAll();
            browser.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("tail-status"),
                    "reconnecting"));
            kinesis.putRecord(b -> b.streamName("console-ticks").partitionKey("p")
                    .data(SdkBytes.fromUtf8String("during-drop")));
            browser.waiting(20).until(ExpectedConditions.textToBePresentInElementLocated(By.id("tail-records"),
                    "during-drop"));
            assertThat(browser.visible("#tail-status").getText()).isEqualTo("connected");
            kinesis.putRecord(b -> b.streamName("console-ticks").partitionKey("p")
                    .data(SdkBytes.fromUtf8String("after-drop")));
            browser.waiting(10).until(ExpectedConditions.textToBePresentInElementLocated(By.id("tail-records"),
                    "after-drop"));
        }
        assertThat(browser.driver.findElements(By.cssSelector("#tail-records li")))
                .extracting(WebElement::getText).filteredOn(t -> t.contains("-drop")).hasSize(3);
        browser.waiting(5).until(ExpectedConditions.textToBe(By.id("tail-count"), "3"));
    }
}
