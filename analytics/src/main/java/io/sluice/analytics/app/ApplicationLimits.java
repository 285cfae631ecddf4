package io.sluice.analytics.app;

import io.sluice.common.ErrorType;
import io.sluice.common.ServiceException;

/**
 * KDA for SQL's limits (developer guide, "Limits"): applications per account and region, one streaming source,
 * up to three destinations, one reference data source, 100 KB (102,400 characters) of code, 50 tags. Immutable.
 */
public record ApplicationLimits(int applications, int inputs, int outputs, int references, int codeChars,
                                int tags) {

    public static ApplicationLimits defaults() {
        return new ApplicationLimits(50, 1, 3, 1, 102_400, 50);
    }

    /** Refuses a definition past the per-application limits with InvalidArgumentException. */
    void check(ApplicationDefinition definition) {
        atMost(definition.inputs().size(), inputs, "input");
        atMost(definition.outputs().size(), outputs, "output");
        atMost(definition.references().size(), references, "reference data source");
        if (definition.code().length() > codeChars) {
            throw ServiceException.invalidArgument("Application code has " + definition.code().length()
                    + " characters; the limit is " + codeChars + ".");
        }
    }

    /** Refuses more than {@link #tags} tags with TooManyTagsException. */
    void checkTags(ApplicationKey key, int count) {
        if (count > tags) {
            throw new ServiceException(ErrorType.TOO_MANY_TAGS, "Application " + key.name() + " would have "
                    + count + " tags; an application can have at most " + tags + ".");
        }
    }

    private static void atMost(int count, int limit, String what) {
        if (count > limit) {
            throw ServiceException.invalidArgument("An application can have at most " + limit + " " + what
                    + (limit == 1 ? "" : "s") + "; this one would have " + count + ".");
        }
    }
}
