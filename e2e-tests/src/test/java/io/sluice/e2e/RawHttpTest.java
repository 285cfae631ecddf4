package io.sluice.e2e;

import io.sluice.protocol.sigv4.RequestSigner;
import io.sluice.testkit.SluiceServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What real clients cannot send: malformed and oversized bodies, raw CBOR shapes, bare HTTP/2 frames, unsigned
 * requests, and what a browser sends (CORS). Requests are signed with {@link RequestSigner} unless a test is about
 * unsigned ones.
 */
class RawHttpTest {

    @RegisterExtension
    static final SluiceServerExtension SERVER = new SluiceServerExtension();

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static KinesisClient sdk;

    @BeforeAll
    static void connect() {
        sdk = Clients.sync(SERVER.endpoint(), true, 0);
    }

    @AfterAll
    static void disconnect() {
        sdk.close();
    }

    private static final RequestSigner SIGNER = new RequestSigner("AKIDRAW", "raw-secret", "us-east-1", "kinesis");

    private static HttpResponse<String> post(String target, String contentType, byte[] body) throws Exception {
        return send(target, contentType, body, true, Map.of());
    }

    private static HttpResponse<String> send(String target, String contentType, byte[] body, boolean sign,
                                             Map<String, String> extraHeaders) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SERVER.endpoint() + "/"))
                .header("Content-Type", contentType)
                .header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        extraHeaders.forEach(request::header);
        if (sign) {
            SIGNER.sign("POST", "/", "", Map.of("host", SERVER.endpoint().getAuthority(), "content-type",
                    contentType, "x-amz-target", target), body, Instant.now()).forEach(request::header);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUnsignedRequestIsRefusedWithMissingAuthenticationTokenEvenOnAnOpenServer() throws Exception {
        for (String target : new String[] {"Kinesis_20131202.ListStreams", "Firehose_20150804.ListDeliveryStreams"}) {
            HttpResponse<String> response = send(target, "application/x-amz-json-1.1",
                    "{}".getBytes(StandardCharsets.UTF_8), false, Map.of());
            assertThat(response.statusCode()).as(target).isEqualTo(400);
            assertThat(response.headers().firstValue("x-amzn-ErrorType"))
                    .hasValue("MissingAuthenticationTokenException");
            assertThat(response.body()).contains("Missing Authentication Token");
        }
    }

    @Test
    void operationsWithoutOutputAnswerAnEmptyBody() throws Exception {
        String name = KinesisContractTest.uniqueName("empty");
        HttpResponse<String> created = post("Kinesis_20131202.CreateStream", "application/x-amz-json-1.1",
                ("{\"StreamName\":\"" + name + "\",\"ShardCount\":1}").getBytes(StandardCharsets.UTF_8));
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.headers().firstValue("Content-Length")).hasValue("0");
        assertThat(created.body()).isEmpty();
    }

    @Test
    void aBrowserPreflightAndItsCallGetCorsHeaders() throws Exception {
        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(SERVER.endpoint() + "/"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:8080")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,x-amz-date,x-amz-target")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValue("authorization,content-type,x-amz-date,x-amz-target");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
        assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).isPresent();

        HttpResponse<String> refused = send("Kinesis_20131202.DescribeStream", "application/x-amz-json-1.1",
                "{\"StreamName\":\"nope\"}".getBytes(StandardCharsets.UTF_8), true,
                Map.of("Origin", "http://localhost:8080"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(refused.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
                .contains("x-amzn-RequestId").contains("x-amzn-ErrorType");
    }

    @Test
    void oversizedBodyGets413AndStoresNothing() throws Exception {
        String name = KinesisContractTest.uniqueName("big");
        sdk.createStream(b -> b.streamName(name).shardCount(1));
        String data = "A".repeat(17 * 1024 * 1024);
        String body = "{\"StreamName\":\"" + name + "\",\"PartitionKey\":\"k\",\"Data\":\"" + data + "\"}";
        HttpResponse<String> response = post("Kinesis_20131202.PutRecord", "application/x-amz-json-1.1",
                body.getBytes(StandardCharsets.US_ASCII));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        String it = sdk.getShardIterator(b -> b.streamName(name).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        assertThat(sdk.getRecords(b -> b.shardIterator(it)).records()).isEmpty();
    }

    @Test
    void malformedBodiesGetSerializationException() throws Exception {
        for (String body : new String[] {"{not json", "[1,2]", "", "{\"StreamName\": 5}"}) {
            HttpResponse<String> response = post("Kinesis_20131202.DescribeStream", "application/x-amz-json-1.1",
                    body.getBytes(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("SerializationException");
            assertThat(response.body()).contains("\"__type\":\"SerializationException\"");
            assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        }
    }

    @Test
    void unknownOperationIsRefused() throws Exception {
        HttpResponse<String> response = post("Kinesis_20131202.MakeCoffee", "application/x-amz-json-1.1",
                "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("UnknownOperationException");
    }

    @Test
    void indefiniteLengthCborMapIsAccepted() throws Exception {
        String name = KinesisContractTest.uniqueName("cbor");
        sdk.createStream(b -> b.streamName(name).shardCount(1));
        ByteArrayOutputStream cbor = new ByteArrayOutputStream();
        cbor.write(0xBF);
        writeText(cbor, "StreamName");
        writeText(cbor, name);
        cbor.write(0xFF);
        HttpResponse<String> response = post("Kinesis_20131202.DescribeStreamSummary", "application/x-amz-cbor-1.1",
                cbor.toByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-cbor-1.1");
        assertThat(response.body()).contains(name);
    }

    private static void writeText(ByteArrayOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 24) {
            out.write(0x60 | bytes.length);
        } else {
            out.write(0x78);
            out.write(bytes.length);
        }
        out.write(bytes);
    }

    @Test
    void http2PingIsAnswered() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", SERVER.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
            byte[] ping = {0, 0, 8, 6, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8};
            out.write(ping);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                in.readInt();
                byte[] payload = in.readNBytes(length);
                if (type == 6) {
                    assertThat(flags & 1).as("PING ACK flag").isEqualTo(1);
                    assertThat(payload).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
                    return;
                }
            }
        }
    }

    @Test
    void garbageBytesCloseTheConnectionAndHarmNothing() throws Exception {
        long seed = System.nanoTime();
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < 20; i++) {
            byte[] garbage = new byte[1 + random.nextInt(4096)];
            random.nextBytes(garbage);
            try (Socket socket = new Socket("127.0.0.1", SERVER.port())) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(garbage);
                socket.getOutputStream().flush();
                socket.shutdownOutput();
                byte[] answer = socket.getInputStream().readAllBytes();
                String text = new String(answer, StandardCharsets.ISO_8859_1);
                assertThat(text).as("seed %d: a 4xx or a closed connection, never a 5xx", seed)
                        .doesNotStartWith("HTTP/1.1 5");
            } catch (java.net.SocketException reset) {
                // the server may reset a connection that sent nonsense; that is an answer too
            }
        }
        HttpResponse<String> after = post("Kinesis_20131202.ListStreams", "application/x-amz-json-1.1",
                "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(after.statusCode()).isEqualTo(200);
    }

    @Test
    void healthEndpointAnswers() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(SERVER.endpoint() + "/health"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }
}
