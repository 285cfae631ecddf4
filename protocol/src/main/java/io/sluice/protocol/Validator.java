package io.sluice.protocol;

import io.sluice.common.ServiceException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks request members against the API model's constraints and reports every violation at once, worded as
 * AWS words its {@code ValidationException}: "2 validation errors detected: Value 'x' at 'streamName' failed to
 * satisfy constraint: ...; ...". Paths are the model's member names in lower camel case. Not thread-safe: one
 * validator per request.
 */
public final class Validator {

    public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    public static final Pattern STREAM_ARN = Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+");
    public static final Pattern STREAM_ID = Pattern.compile("[a-z0-9]{20}-[a-z0-9]{3}");
    public static final Pattern HASH_KEY = Pattern.compile("0|([1-9]\\d{0,38})");
    public static final Pattern SEQUENCE_NUMBER = Pattern.compile("0|([1-9]\\d{0,128})");

    private final List<String> violations = new ArrayList<>();

    public Validator required(String path, Object value) {
        if (value == null) {
            violations.add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
        }
        return this;
    }

    /** Length in characters (code points), as the model counts string lengths. */
    public Validator length(String path, String value, int min, int max) {
        if (value != null) {
            int length = value.codePointCount(0, value.length());
            if (length < min) {
                fail(value, path, "Member must have length greater than or equal to " + min);
            } else if (length > max) {
                fail(value, path, "Member must have length less than or equal to " + max);
            }
        }
        return this;
    }

    public Validator pattern(String path, String value, Pattern pattern) {
        if (value != null && !value.isEmpty() && !pattern.matcher(value).matches()) {
            fail(value, path, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return this;
    }

    public Validator range(String path, Integer value, long min, long max) {
        if (value != null) {
            if (value < min) {
                fail(value.toString(), path, "Member must have value greater than or equal to " + min);
            } else if (value > max) {
                fail(value.toString(), path, "Member must have value less than or equal to " + max);
            }
        }
        return this;
    }

    public Validator size(String path, Collection<?> value, int min, int max) {
        if (value != null) {
            if (value.size() < min) {
                violations.add("Value '" + value + "' at '" + path
                        + "' failed to satisfy constraint: Member must have length greater than or equal to " + min);
            } else if (value.size() > max) {
                violations.add("Value at '" + path
                        + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
            }
        }
        return this;
    }

    public Validator blobLength(String path, byte[] value, long max) {
        if (value != null && value.length > max) {
            violations.add("Value at '" + path
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
        }
        return this;
    }

    public Validator oneOf(String path, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            fail(value, path, "Member must satisfy enum value set: " + allowed);
        }
        return this;
    }

    private void fail(String value, String path, String constraint) {
        violations.add("Value '" + value + "' at '" + path + "' failed to satisfy constraint: " + constraint);
    }

    /** Throws a ValidationException naming every violation found, if there is any. */
    public void check() {
        if (!violations.isEmpty()) {
            int n = violations.size();
            throw ServiceException.validation(n + " validation error" + (n == 1 ? "" : "s") + " detected: "
                    + String.join("; ", violations));
        }
    }
}
