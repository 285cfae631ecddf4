package io.sluice.testkit.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Lambda Invoke API on loopback for tests: {@code POST /2015-03-31/functions/{FunctionName}/invocations}
 * (RequestResponse; Event answers 202 after running the handler, DryRun 204 without), and per function a function
 * URL ({@link #functionUrl}: its own loopback origin, any {@code POST} path, e.g. {@code POST /}). Each invocation
 * runs the registered {@link LambdaHandler} on the payload deserialized by the Lambda Java runtime's own
 * serialization library, so a test proves a payload is one the real runtime accepts.
 *
 * <p>Answers, as Lambda's: 200 with the handler's result serialized as the runtime does; 200 with
 * {@code X-Amz-Function-Error: Unhandled} and {@code {"errorMessage","errorType","stackTrace"}} when the handler
 * throws (through a function URL: 502, as a URL has no function-error header); 404
 * {@code ResourceNotFoundException} for an unknown function; scripted {@link FunctionAnswer}s (429 throttle, 500,
 * delays) for the next invocations. Every request is recorded ({@link #invocations}) before its answer is sent.
 *
 * <p>The function URL passes the request body to the handler as is; AWS would wrap it in an HTTP request event.
 *
 * <p><b>Threading</b>: thread-safe; requests are served on virtual threads, concurrently.
 */
public final class LambdaInvokeServer implements AutoCloseable {

    /** The account and region of the ARNs this server names its functions by. */
    public static final String ARN_PREFIX = "arn:aws:lambda:us-east-1:123456789012:function:";

    private static final String INVOKE_PATH = "/2015-03-31/functions/";
    private static final String INVOCATIONS = "/invocations";

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpServer api;
    private final Map<String, RegisteredFunction<?>> functions = new ConcurrentHashMap<>();
    private final Map<String, HttpServer> urls = new ConcurrentHashMap<>();
    private final InvocationLog log = new InvocationLog();

    private LambdaInvokeServer() throws IOException {
        api = listen();
        api.createContext("/", this::serveApi);
        api.start();
    }

    /** Starts a server on an ephemeral loopback port. */
    public static LambdaInvokeServer start() throws IOException {
        return new LambdaInvokeServer();
    }

    /** The Invoke API's endpoint (Sluice's {@code lambda.endpoint}), e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return origin(api);
    }

    /** {@link #ARN_PREFIX} + the name: an ARN that invokes the function here. */
    public String functionArn(String function) {
        return ARN_PREFIX + function;
    }

    /** Serves {@code function} with {@code handler} from now on, replacing a handler registered before. */
    public <I> LambdaInvokeServer register(String function, Class<I> eventType, LambdaHandler<I> handler) {
        functions.put(function, new RegisteredFunction<>(eventType, handler));
        return this;
    }

    /** The function's URL: its own loopback origin, started on first use (404 while nothing is registered). */
    public URI functionUrl(String function) {
        HttpServer server = urls.computeIfAbsent(function, name -> {
            try {
                HttpServer url = listen();
                url.createContext("/", exchange -> serve(exchange, name, true));
                url.start();
                return url;
            } catch (IOException e) {
                throw new IllegalStateException("cannot open a function URL for " + name, e);
            }
        });
        return URI.create(origin(server) + "/");
    }

    /** Answers the function's next invocations with these, in order, before its handler runs again normally. */
    public void script(String function, FunctionAnswer... answers) {
        RegisteredFunction<?> registered = functions.get(function);
        if (registered == null) {
            throw new IllegalArgumentException("no function " + function + " is registered");
        }
        for (FunctionAnswer answer : answers) {
            registered.script(answer);
        }
    }

    /** Every invocation so far, of every function, in arrival order. */
    public List<RecordedInvocation> invocations() {
        return log.snapshot(null);
    }

    /** The function's invocations so far, in arrival order. */
    public List<RecordedInvocation> invocations(String function) {
        return log.snapshot(function);
    }

    /** Waits for the function's {@code count}-th invocation at most {@code timeout}; returns what arrived. */
    public List<RecordedInvocation> awaitInvocations(String function, int count, Duration timeout)
            throws InterruptedException {
        return log.await(function, count, timeout);
    }

    @Override
    public void close() {
        api.stop(0);
        urls.values().forEach(url -> url.stop(0));
        threads.close();
    }

    private HttpServer listen() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        return server;
    }

    private static URI origin(HttpServer server) {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    private void serveApi(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (!path.startsWith(INVOKE_PATH) || !path.endsWith(INVOCATIONS)
                || path.length() <= INVOKE_PATH.length() + INVOCATIONS.length()) {
            exchange.getRequestBody().readAllBytes();
            HttpAnswers.error(exchange, 404, "UnknownOperationException", "Unknown operation " + path);
            return;
        }
        String segment = path.substring(INVOKE_PATH.length(), path.length() - INVOCATIONS.length());
        serve(exchange, FunctionNames.nameOf(segment), false);
    }

    private void serve(HttpExchange exchange, String function, boolean viaUrl) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] payload = in.readAllBytes();
            String type = viaUrl ? "RequestResponse" : exchange.getRequestHeaders()
                    .getOrDefault("X-Amz-Invocation-Type", List.of("RequestResponse")).get(0);
            if (!exchange.getRequestMethod().equals("POST")) {
                HttpAnswers.error(exchange, 405, "MethodNotAllowedException", "Invoke takes POST");
                return;
            }
            RegisteredFunction<?> registered = functions.get(function);
            if (registered == null) {
                log.add(new RecordedInvocation(function, viaUrl, type, payload, 404, null));
                HttpAnswers.error(exchange, 404, "ResourceNotFoundException",
                        "Function not found: " + functionArn(function));
                return;
            }
            FunctionAnswer scripted = registered.nextScripted();
            if (scripted instanceof FunctionAnswer.Status status) {
                log.add(new RecordedInvocation(function, viaUrl, type, payload, status.status(), null));
                HttpAnswers.error(exchange, status.status(), status.errorType(), status.message());
                return;
            }
            waitFor(scripted);
            if (type.equals("DryRun")) {
                log.add(new RecordedInvocation(function, viaUrl, type, payload, 204, null));
                HttpAnswers.send(exchange, 204, null, new byte[0]);
                return;
            }
            RegisteredFunction.Outcome outcome = registered.run(payload);
            if (type.equals("Event")) {
                log.add(new RecordedInvocation(function, viaUrl, type, payload, 202, null));
                HttpAnswers.send(exchange, 202, null, new byte[0]);
            } else if (viaUrl && outcome.functionError() != null) {
                log.add(new RecordedInvocation(function, true, type, payload, 502, null));
                HttpAnswers.send(exchange, 502, null, "Internal Server Error".getBytes(StandardCharsets.UTF_8));
            } else {
                String functionError = viaUrl ? null : outcome.functionError();
                log.add(new RecordedInvocation(function, viaUrl, type, payload, 200, functionError));
                HttpAnswers.send(exchange, 200, functionError, outcome.body());
            }
        }
    }

    private static void waitFor(FunctionAnswer scripted) throws IOException {
        try {
            if (scripted instanceof FunctionAnswer.Delay delay) {
                Thread.sleep(delay.delay());
            } else if (scripted instanceof FunctionAnswer.Hold hold) {
                hold.release().await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while holding an invocation", e);
        }
    }
}
