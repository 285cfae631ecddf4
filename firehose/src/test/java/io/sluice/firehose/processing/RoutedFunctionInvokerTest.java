package io.sluice.firehose.processing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutedFunctionInvokerTest {

    private final List<String> urlCalls = new ArrayList<>();
    private final List<String> namedCalls = new ArrayList<>();
    private final FunctionInvoker urls = (function, event) -> {
        urlCalls.add(function);
        return "url".getBytes(StandardCharsets.UTF_8);
    };
    private final FunctionInvoker named = (function, event) -> {
        namedCalls.add(function);
        return "named".getBytes(StandardCharsets.UTF_8);
    };

    @Test
    void urlsGoToTheUrlInvokerAndArnsOrNamesToTheLambdaEndpoint() throws Exception {
        RoutedFunctionInvoker invoker = new RoutedFunctionInvoker(urls, named);

        invoker.invoke("http://127.0.0.1:9000/2015-03-31/functions/function/invocations", new byte[0]);
        invoker.invoke("HTTPS://abc.lambda-url.us-east-1.on.aws/", new byte[0]);
        invoker.invoke("arn:aws:lambda:us-east-1:123456789012:function:shout", new byte[0]);
        invoker.invoke("shout", new byte[0]);

        assertThat(urlCalls).hasSize(2);
        assertThat(namedCalls).containsExactly("arn:aws:lambda:us-east-1:123456789012:function:shout", "shout");
    }

    @Test
    void anArnWithoutALambdaEndpointFailsSayingWhatToConfigure() {
        RoutedFunctionInvoker invoker = new RoutedFunctionInvoker(urls, null);

        assertThatThrownBy(() -> invoker.invoke("arn:aws:lambda:us-east-1:123456789012:function:shout", new byte[0]))
                .isInstanceOf(FunctionInvoker.FunctionException.class).hasMessageContaining("lambda.endpoint");
        assertThat(urlCalls).isEmpty();
    }
}
