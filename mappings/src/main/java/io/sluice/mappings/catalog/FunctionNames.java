package io.sluice.mappings.catalog;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's FunctionName forms and their expansion to the function ARN a mapping stores: a name
 * ({@code my-function}), a name with a version or alias ({@code my-function:live}), a partial ARN
 * ({@code 123456789012:function:my-function}) or a full ARN become
 * {@code arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]}, the region and account taken from the
 * caller where the form leaves them out. An http(s) URL (a function URL, Sluice's extension) is kept as given.
 *
 * <p>Stateless and thread-safe.
 */
final class FunctionNames {

    /** The model's NamespacedFunctionName pattern, with groups for the parts. */
    private static final Pattern NAME = Pattern.compile("(arn:(aws[a-zA-Z-]*)?:lambda:)?"
            + "(?:([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d):)?(?:(\\d{12}):)?(?:function:)?"
            + "([a-zA-Z0-9_.-]+)(?::(\\$LATEST(?:\\.PUBLISHED)?|[a-zA-Z0-9_-]+))?");
    private static final String MODEL_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?"
            + "-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?";
    private static final int MAX_LENGTH = 256;

    private FunctionNames() {
    }

    /** True for a function URL, which the invoker calls directly. */
    static boolean isUrl(String functionName) {
        return functionName.startsWith("https://") || functionName.startsWith("http://");
    }

    /**
     * The function ARN for {@code functionName}, or the URL as given.
     *
     * @throws io.sluice.common.ServiceException ValidationException if it is none of Lambda's forms
     */
    static String expand(String account, String region, String functionName) {
        if (functionName == null) {
            throw LambdaErrors.validation(List.of(
                    "Value null at 'functionName' failed to satisfy constraint: Member must not be null"));
        }
        if (isUrl(functionName)) {
            return functionName;
        }
        if (functionName.isEmpty() || functionName.length() > MAX_LENGTH) {
            throw LambdaErrors.validation(List.of("Value '" + functionName + "' at 'functionName' failed to satisfy"
                    + " constraint: Member must have length " + (functionName.isEmpty()
                    ? "greater than or equal to 1" : "less than or equal to " + MAX_LENGTH)));
        }
        Matcher m = NAME.matcher(functionName);
        if (!m.matches()) {
            throw LambdaErrors.validation(List.of("Value '" + functionName + "' at 'functionName' failed to satisfy"
                    + " constraint: Member must satisfy regular expression pattern: " + MODEL_PATTERN));
        }
        String partition = m.group(2) == null ? "aws" : m.group(2);
        String inRegion = m.group(3) == null ? region : m.group(3);
        String inAccount = m.group(4) == null ? account : m.group(4);
        String qualifier = m.group(6) == null ? "" : ":" + m.group(6);
        return "arn:" + partition + ":lambda:" + inRegion + ":" + inAccount + ":function:" + m.group(5) + qualifier;
    }
}
