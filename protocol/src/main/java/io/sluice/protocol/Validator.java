package io.sluice.protocol;

import io.sluice.common.ServiceException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks request members against the API model's constraints and reports every violation at once, worded as
 * AWS words its {@code ValidationException}: "2 validation errors detected: Value 'x' at 'streamName' failed to
 * satisfy constraint: ...; ...". Paths are the model's member names in lower camel case.
 *
 * <p>Every constraint a value breaks is its own clause: an empty stream name breaks both its pattern and its
 * minimum length, and AWS lists both. Clauses come member by member, in the order the members were first
 * checked; within one member they follow AWS's constraint order ({@link Constraint}), whatever order the caller
 * checked them in, so that callers can write {@code length(...).pattern(...)} as the model lists them.
 *
 * <p>Not thread-safe: one validator per request.
 */
public final class Validator {

    public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    public static final Pattern STREAM_ARN = Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+");
    public static final Pattern STREAM_ID = Pattern.compile("[a-z0-9]{20}-[a-z0-9]{3}");
    public static final Pattern HASH_KEY = Pattern.compile("0|([1-9]\\d{0,38})");
    public static final Pattern SEQUENCE_NUMBER = Pattern.compile("0|([1-9]\\d{0,128})");

    /**
     * The order of one member's clauses. Kinesis answers an empty stream name or shard id with the pattern clause
     * before the length clause (kinesalite's tests, recorded against AWS).
     */
    private enum Constraint { NOT_NULL, PATTERN, LENGTH, VALUE, ENUM }

    private record Clause(String path, Constraint constraint, String text) {
    }

    private final List<Clause> clauses = new ArrayList<>();

    public Validator required(String path, Object value) {
        if (value == null) {
            clauses.add(new Clause(path, Constraint.NOT_NULL,
                    "Value null at '" + path + "' failed to satisfy constraint: Member must not be null"));
        }
        return this;
    }

    /** Length in characters (code points), as the model counts string lengths. */
    public Validator length(String path, String value, int min, int max) {
        if (value != null) {
            int length = value.codePointCount(0, value.length());
            if (length < min) {
                fail(value, path, Constraint.LENGTH, "Member must have length greater than or equal to " + min);
            } else if (length > max) {
                fail(value, path, Constraint.LENGTH, "Member must have length less than or equal to " + max);
            }
        }
        return this;
    }

    /** The whole value must match; an empty value is checked too, as AWS does (it fails most patterns). */
    public Validator pattern(String path, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            fail(value, path, Constraint.PATTERN, "Member must satisfy regular expression pattern: "
                    + pattern.pattern());
        }
        return this;
    }

    public Validator range(String path, Integer value, long min, long max) {
        if (value != null) {
            if (value < min) {
                fail(value.toString(), path, Constraint.VALUE,
                        "Member must have value greater than or equal to " + min);
            } else if (value > max) {
                fail(value.toString(), path, Constraint.VALUE, "Member must have value less than or equal to " + max);
            }
        }
        return this;
    }

    public Validator size(String path, Collection<?> value, int min, int max) {
        if (value != null) {
            if (value.size() < min) {
                clauses.add(new Clause(path, Constraint.LENGTH, "Value '" + value + "' at '" + path
                        + "' failed to satisfy constraint: Member must have length greater than or equal to " + min));
            } else if (value.size() > max) {
                clauses.add(new Clause(path, Constraint.LENGTH, "Value at '" + path
                        + "' failed to satisfy constraint: Member must have length less than or equal to " + max));
            }
        }
        return this;
    }

    public Validator blobLength(String path, byte[] value, long max) {
        if (value != null && value.length > max) {
            clauses.add(new Clause(path, Constraint.LENGTH, "Value at '" + path
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + max));
        }
        return this;
    }

    public Validator oneOf(String path, String value, Collection<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            fail(value, path, Constraint.ENUM, "Member must satisfy enum value set: " + allowed);
        }
        return this;
    }

    private void fail(String value, String path, Constraint constraint, String text) {
        clauses.add(new Clause(path, constraint,
                "Value '" + value + "' at '" + path + "' failed to satisfy constraint: " + text));
    }

    /** Throws a ValidationException naming every violation found, if there is any. */
    public void check() {
        if (clauses.isEmpty()) {
            return;
        }
        Map<String, List<Clause>> byMember = new LinkedHashMap<>();
        for (Clause clause : clauses) {
            byMember.computeIfAbsent(clause.path(), path -> new ArrayList<>()).add(clause);
        }
        List<String> texts = new ArrayList<>(clauses.size());
        for (List<Clause> member : byMember.values()) {
            member.stream().sorted(Comparator.comparing(Clause::constraint)).map(Clause::text).forEach(texts::add);
        }
        int n = texts.size();
        throw ServiceException.validation(n + " validation error" + (n == 1 ? "" : "s") + " detected: "
                + String.join("; ", texts));
    }
}
