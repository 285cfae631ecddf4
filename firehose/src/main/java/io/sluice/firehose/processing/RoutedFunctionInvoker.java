package io.sluice.firehose.processing;

import java.io.IOException;
import java.util.Locale;

/**
 * Sends each call by how the function is named: an {@code http(s)://} URL (a function URL, or the Lambda Runtime
 * Interface Emulator's invocation URL) goes to the URL invoker, any other name (a Lambda function ARN or name) to
 * the Lambda Invoke API invoker that {@code lambda.endpoint} configures. Without the latter, a function named by
 * ARN fails each call with an error saying what to configure, which the processor handles as any failed call.
 * Thread-safe when its invokers are.
 */
public final class RoutedFunctionInvoker implements FunctionInvoker {

    private final FunctionInvoker urls;
    private final FunctionInvoker named;

    /** {@code named} may be null: functions are then reachable by URL only. */
    public RoutedFunctionInvoker(FunctionInvoker urls, FunctionInvoker named) {
        this.urls = urls;
        this.named = named;
    }

    @Override
    public byte[] invoke(String function, byte[] event) throws IOException, FunctionException {
        if (isUrl(function)) {
            return urls.invoke(function, event);
        }
        if (named == null) {
            throw new FunctionException("The function " + function + " is not a URL, and no Lambda endpoint is "
                    + "configured to invoke it by name (set lambda.endpoint)");
        }
        return named.invoke(function, event);
    }

    private static boolean isUrl(String function) {
        String lower = function.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }
}
