package io.sluice.firehose.delivery;

import io.sluice.firehose.processing.ProcessedRecord;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An S3 Prefix or ErrorOutputPrefix with its {@code !{namespace:value}} expressions, evaluated when an object is
 * written: {@code !{timestamp:<DateTimeFormatter pattern>}} (the arrival time of the object's oldest record, in
 * the destination's time zone), {@code !{firehose:random-string}} (11 random characters),
 * {@code !{firehose:error-output-type}}, {@code !{partitionKeyFromQuery:key}} and
 * {@code !{partitionKeyFromLambda:key}}. As AWS does, a prefix without a timestamp expression gets the default
 * {@code yyyy/MM/dd/HH/} appended, unless the stream partitions dynamically. Immutable.
 */
public final class PrefixTemplate {

    private static final Pattern EXPRESSION = Pattern.compile("!\\{([^:}]*):([^}]*)}");
    private static final String DEFAULT_TIME = "!{timestamp:yyyy/MM/dd/HH/}";
    private static final String DEFAULT_ERROR = "!{firehose:error-output-type}/";
    private static final char[] RANDOM_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int RANDOM_LENGTH = 11;

    private final String template;

    private PrefixTemplate(String template) {
        this.template = template;
    }

    /** The object prefix of a destination. */
    public static PrefixTemplate forObjects(String prefix, boolean dynamicPartitioning) {
        String p = prefix == null ? "" : prefix;
        return new PrefixTemplate(p.contains("!{timestamp:") || dynamicPartitioning ? p : p + DEFAULT_TIME);
    }

    /** The error output prefix of a destination; by default {@code <error-output-type>/yyyy/MM/dd/HH/}. */
    public static PrefixTemplate forErrors(String errorOutputPrefix) {
        String p = errorOutputPrefix == null || errorOutputPrefix.isEmpty() ? DEFAULT_ERROR : errorOutputPrefix;
        return new PrefixTemplate(p.contains("!{timestamp:") ? p : p + DEFAULT_TIME);
    }

    /**
     * What is wrong with a prefix's expressions (an unknown namespace or value, a timestamp pattern that does not
     * parse), or null if nothing is.
     */
    public static String problem(String prefix) {
        if (prefix == null) {
            return null;
        }
        Matcher m = EXPRESSION.matcher(prefix);
        while (m.find()) {
            String namespace = m.group(1);
            String value = m.group(2);
            switch (namespace) {
                case "timestamp" -> {
                    try {
                        DateTimeFormatter.ofPattern(value);
                    } catch (IllegalArgumentException e) {
                        return "The expression " + m.group() + " is not a valid DateTimeFormatter pattern.";
                    }
                }
                case "firehose" -> {
                    if (!value.equals("random-string") && !value.equals("error-output-type")) {
                        return "The expression " + m.group() + " names an unknown firehose value.";
                    }
                }
                case "partitionKeyFromQuery", "partitionKeyFromLambda" -> {
                    if (value.isEmpty()) {
                        return "The expression " + m.group() + " names no partition key.";
                    }
                }
                default -> {
                    return "The expression " + m.group() + " uses the unknown namespace " + namespace + ".";
                }
            }
        }
        return null;
    }

    /** The literal start of the prefix, before its first expression: where every key written with it lies. */
    public String literalStart() {
        Matcher m = EXPRESSION.matcher(template);
        return m.find() ? template.substring(0, m.start()) : template;
    }

    /**
     * Whether {@code key} could have been written with this prefix: its literal parts in order, each expression
     * matching some text without a line break (the error output type: a name ending in {@code -failed}).
     */
    public boolean couldHaveWritten(String key) {
        Matcher m = EXPRESSION.matcher(template);
        StringBuilder regex = new StringBuilder();
        int end = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(end, m.start())));
            regex.append(m.group().equals("!{firehose:error-output-type}") ? "[A-Za-z0-9-]+-failed" : ".+?");
            end = m.end();
        }
        regex.append(Pattern.quote(template.substring(end)));
        return Pattern.compile(regex.toString()).matcher(key).lookingAt();
    }

    /** Whether the prefix uses partition keys (and so needs dynamic partitioning). */
    public static boolean usesPartitionKeys(String prefix) {
        return prefix != null && prefix.contains("!{partitionKey");
    }

    /**
     * The evaluated prefix. A partition key the records do not have evaluates to the empty string.
     *
     * @param errorOutputType processing-failed, http-endpoint-failed... (null outside error output)
     */
    public String evaluate(long oldestArrivalMillis, ZoneId zone, Map<String, String> partitionKeys,
                           String errorOutputType, RandomGenerator random) {
        Matcher m = EXPRESSION.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String namespace = m.group(1);
            String value = m.group(2);
            String replacement = switch (namespace) {
                case "timestamp" -> DateTimeFormatter.ofPattern(value)
                        .format(Instant.ofEpochMilli(oldestArrivalMillis).atZone(zone));
                case "firehose" -> value.equals("random-string") ? randomString(random)
                        : errorOutputType == null ? "" : errorOutputType;
                case "partitionKeyFromQuery" -> partitionKeys.getOrDefault(ProcessedRecord.FROM_QUERY + value, "");
                case "partitionKeyFromLambda" ->
                        partitionKeys.getOrDefault(ProcessedRecord.FROM_LAMBDA + value, "");
                default -> m.group();
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String randomString(RandomGenerator random) {
        char[] chars = new char[RANDOM_LENGTH];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = RANDOM_CHARS[random.nextInt(RANDOM_CHARS.length)];
        }
        return new String(chars);
    }
}
