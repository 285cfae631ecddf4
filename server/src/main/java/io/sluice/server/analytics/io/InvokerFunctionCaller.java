package io.sluice.server.analytics.io;

import io.sluice.analytics.host.FunctionCaller;
import io.sluice.firehose.processing.FunctionInvoker;

import java.io.IOException;

/**
 * Analytics applications' Lambda functions (input pre-processing, Lambda outputs) called through Firehose's
 * {@link FunctionInvoker} (over HTTP, by the function's ARN as URL), a function's own error becoming an
 * {@link IOException} the application retries. Thread-safe, as the invoker is.
 */
public final class InvokerFunctionCaller implements FunctionCaller {

    private final FunctionInvoker invoker;

    public InvokerFunctionCaller(FunctionInvoker invoker) {
        this.invoker = invoker;
    }

    @Override
    public byte[] invoke(String functionArn, byte[] event) throws IOException {
        try {
            return invoker.invoke(functionArn, event);
        } catch (FunctionInvoker.FunctionException e) {
            throw new IOException("function " + functionArn + " failed: " + e.getMessage(), e);
        }
    }
}
