package io.sluice.mappings.invoke;

import io.sluice.common.Clock;
import io.sluice.protocol.sigv4.RequestSigner;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Invokes functions over HTTP with the JDK's client. A function given as an ARN
 * ({@code arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]}) or a name goes to Lambda's Invoke API at
 * the configured endpoint, {@code POST <endpoint>/2015-03-31/functions/<name>/invocations[?Qualifier=<q>]} with
 * {@code X-Amz-Invocation-Type: RequestResponse}, signed with SigV4 (service {@code lambda}, the ARN's region) when
 * credentials are given; the name rather than the ARN goes in the path, which SAM local, LocalStack, the Runtime
 * Interface Emulator and Lambda all accept. A function given as an {@code http(s)://} URL (a function URL) is
 * POSTed to as it is. Every answer is returned as an {@link LambdaInvoker.Invocation}: its status, its
 * {@code X-Amz-Function-Error} and its body; no answer within the timeout, or no connection, is an
 * {@link IOException}.
 *
 * <p><b>Threading</b>: thread-safe; blocks the calling thread for the call.
 */
public final class HttpLambdaInvoker implements LambdaInvoker {

    private static final Pattern ARN = Pattern.compile(
            "arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\\d{12}):function:([A-Za-z0-9_-]+)(?::([A-Za-z0-9$_-]+))?");

    private final HttpClient http;
    private final URI endpoint;
    private final Duration timeout;
    private final LambdaCredentials credentials;
    private final Clock clock;

    /**
     * @param endpoint    Lambda's endpoint ({@code lambda.endpoint}), e.g. {@code http://127.0.0.1:3001}; null if
     *                    none is configured (then only function URLs can be invoked)
     * @param timeout     how long a call may take before it counts as unreachable
     * @param credentials what to sign with, or null to send unsigned requests (SAM local, the emulator)
     */
    public HttpLambdaInvoker(HttpClient http, URI endpoint, Duration timeout, LambdaCredentials credentials,
                             Clock clock) {
        this.http = http;
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public Invocation invoke(String function, byte[] payload) throws IOException {
        HttpRequest request = function.startsWith("http://") || function.startsWith("https://")
                ? HttpRequest.newBuilder(URI.create(function)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload)).build()
                : invokeRequest(function, payload);
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while invoking " + function, e);
        }
        String functionError = response.headers().firstValue("X-Amz-Function-Error").orElse(null);
        return new Invocation(response.statusCode(), functionError, response.body());
    }

    private HttpRequest invokeRequest(String function, byte[] payload) throws IOException {
        if (endpoint == null) {
            throw new IOException("cannot invoke " + function + ": no Lambda endpoint is configured "
                    + "(lambda.endpoint)");
        }
        Matcher arn = ARN.matcher(function);
        String name = arn.matches() ? arn.group(3) : function;
        String qualifier = arn.matches() ? arn.group(4) : null;
        String region = arn.matches() ? arn.group(1) : null;
        String path = endpoint.getRawPath().replaceAll("/$", "") + "/2015-03-31/functions/" + encode(name)
                + "/invocations";
        String query = qualifier == null ? "" : "Qualifier=" + encode(qualifier);
        URI uri = endpoint.resolve(path + (query.isEmpty() ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-Amz-Invocation-Type", "RequestResponse")
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        if (credentials != null) {
            Map<String, String> signed = new LinkedHashMap<>();
            signed.put("host", hostHeader(uri));
            signed.put("x-amz-invocation-type", "RequestResponse");
            if (credentials.sessionToken() != null) {
                signed.put("x-amz-security-token", credentials.sessionToken());
                request.header("X-Amz-Security-Token", credentials.sessionToken());
            }
            RequestSigner signer = new RequestSigner(credentials.accessKeyId(), credentials.secretKey(),
                    region != null ? region : credentials.defaultRegion(), "lambda");
            signer.sign("POST", path, query, signed, payload, Instant.ofEpochMilli(clock.millis()))
                    .forEach(request::header);
        }
        return request.build();
    }

    /** The Host header the JDK client sends: the port only when it is not the scheme's default. */
    private static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean standard = port == -1 || port == 80 && "http".equals(uri.getScheme())
                || port == 443 && "https".equals(uri.getScheme());
        return standard ? uri.getHost() : uri.getHost() + ":" + port;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
