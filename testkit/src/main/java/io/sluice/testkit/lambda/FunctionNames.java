package io.sluice.testkit.lambda;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reduces the FunctionName of an Invoke path to the function's name, as Lambda accepts it: a name
 * ({@code my-function}), a name with a qualifier ({@code my-function:live}), a full ARN
 * ({@code arn:aws:lambda:us-east-1:123456789012:function:my-function[:qualifier]}) or a partial one
 * ({@code 123456789012:function:my-function}), percent-encoded or not. Stateless.
 */
final class FunctionNames {

    private static final String FUNCTION = ":function:";

    private FunctionNames() {
    }

    static String nameOf(String rawPathSegment) {
        String name = URLDecoder.decode(rawPathSegment, StandardCharsets.UTF_8);
        int function = name.indexOf(FUNCTION);
        if (function >= 0) {
            name = name.substring(function + FUNCTION.length());
        }
        int qualifier = name.indexOf(':');
        return qualifier >= 0 ? name.substring(0, qualifier) : name;
    }
}
