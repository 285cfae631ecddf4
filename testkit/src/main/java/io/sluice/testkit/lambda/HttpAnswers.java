package io.sluice.testkit.lambda;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the Invoke API's answers: the function's payload with Lambda's headers, or an API error as Lambda's
 * REST-JSON error ({@code X-Amzn-ErrorType} header, {@code {"Type","message"}} body). Stateless.
 */
final class HttpAnswers {

    private HttpAnswers() {
    }

    static void error(HttpExchange exchange, int status, String errorType, String message)
            throws IOException {
        exchange.getResponseHeaders().set("X-Amzn-ErrorType", errorType);
        String kind = status >= 500 ? "Service" : "User";
        String body = "{\"Type\":\"" + kind + "\",\"message\":\"" + message.replace("\"", "\\\"") + "\"}";
        send(exchange, status, null, body.getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange exchange, int status, String functionError, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
        if (functionError != null) {
            exchange.getResponseHeaders().set("X-Amz-Function-Error", functionError);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
